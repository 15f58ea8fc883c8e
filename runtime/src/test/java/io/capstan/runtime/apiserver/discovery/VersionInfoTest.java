package io.capstan.runtime.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VersionInfoTest {

  /** apimachinery's version.ParseSemantic grammar (k8s.io/apimachinery/pkg/util/version). */
  private static final Pattern SEMANTIC = Pattern.compile(
      "^v?\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$");

  @Test
  void answersAsKubernetes132WithCapstanInTheBuildMetadata() {
    VersionInfo info = VersionInfo.capstan("0.1.0-SNAPSHOT", Instant.parse("2025-03-04T05:06:07.891Z"), "abc123",
        "linux/amd64", "java17.0.12+7");
    assertThat(info.toJson().toString()).isEqualTo("{\"major\":\"1\",\"minor\":\"32\","
        + "\"gitVersion\":\"v1.32.0+capstan-0.1.0-SNAPSHOT\",\"gitCommit\":\"abc123\",\"gitTreeState\":\"clean\","
        + "\"buildDate\":\"2025-03-04T05:06:07Z\",\"goVersion\":\"java17.0.12+7\",\"compiler\":\"javac\","
        + "\"platform\":\"linux/amd64\"}");
    assertThat(info.gitVersion()).matches(SEMANTIC);
  }

  @Test
  void oddCapstanVersionsStillGiveASemanticVersion() {
    for (String v : new String[] {"1.0 beta/2", "..", "", "x+y"}) {
      String gitVersion = VersionInfo.capstan(v, Instant.EPOCH, "unknown", "linux/amd64", "java").gitVersion();
      assertThat(gitVersion).as(v).matches(SEMANTIC).startsWith("v1.32.0+capstan-");
    }
    assertThat(VersionInfo.capstan("x", Instant.EPOCH, "u").platform()).contains("/");
  }

  @ParameterizedTest
  @CsvSource({"Linux, amd64, linux/amd64", "Linux, aarch64, linux/arm64", "Mac OS X, aarch64, darwin/arm64",
      "Mac OS X, x86_64, darwin/amd64", "Windows 11, amd64, windows/amd64", "Linux, s390x, linux/s390x",
      "FreeBSD, i386, freebsd/386"})
  void mapsJavaPlatformNamesToGo(String os, String arch, String expected) {
    assertThat(VersionInfo.platformOf(os, arch)).isEqualTo(expected);
  }
}
