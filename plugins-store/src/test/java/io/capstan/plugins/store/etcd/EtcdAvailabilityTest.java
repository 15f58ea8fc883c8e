package io.capstan.plugins.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.capstan.tck.etcd.EtcdAvailability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's rule: skip without etcd, except in CI, where a missing etcd fails the tests. */
class EtcdAvailabilityTest {

  @Test
  void withEtcdTheTestsRun() {
    var result = EtcdAvailability.decide(Optional.of(Path.of("/opt/etcd/etcd")), true);
    assertThat(result.isDisabled()).isFalse();
    assertThat(result.getReason()).hasValueSatisfying(r -> assertThat(r).contains("/opt/etcd/etcd"));
  }

  @Test
  void withoutEtcdOutsideCiTheTestsAreSkippedWithHowToInstall() {
    var result = EtcdAvailability.decide(Optional.empty(), false);
    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason()).contains(
        "etcd not found on PATH; install it with `apt-get install etcd-server`"
            + " (CI does this in .ci/install-deps.sh)");
  }

  @Test
  void withoutEtcdInCiTheTestsFail() {
    assertThatIllegalStateException()
        .isThrownBy(() -> EtcdAvailability.decide(Optional.empty(), true))
        .withMessageContaining("apt-get install etcd-server")
        .withMessageContaining("CI=true");
  }

  @Test
  void ciIsRecognisedFromTheEnvironment() {
    assertThat(EtcdAvailability.isCi(Map.of("CI", "true"))).isTrue();
    assertThat(EtcdAvailability.isCi(Map.of("CI", "TRUE "))).isTrue();
    assertThat(EtcdAvailability.isCi(Map.of("CI", "false"))).isFalse();
    assertThat(EtcdAvailability.isCi(Map.of())).isFalse();
  }

  @Test
  void theBinaryIsLookedUpOnPath(@TempDir Path dir) throws Exception {
    Path etcd = Files.createFile(dir.resolve("etcd"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    assertThat(EtcdAvailability.findBinary(Map.of("PATH", "/nonexistent:" + dir)))
        .contains(etcd);
  }
}
