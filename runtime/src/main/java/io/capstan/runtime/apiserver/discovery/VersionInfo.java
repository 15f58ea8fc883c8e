package io.capstan.runtime.apiserver.discovery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The {@code GET /version} document ({@code version.Info} in k8s.io/apimachinery). Capstan
 * answers as Kubernetes {@value #KUBERNETES_VERSION}: the {@code kubectl} on the test machines is a
 * dispatcher that runs the kubectl binary matching the server's {@code minor} (kubectl.md §0.1), so
 * {@code minor} must be {@code "32"}. Capstan's own version travels in the semantic-version build
 * metadata of {@code gitVersion} ({@code v1.32.0+capstan-0.1.0-SNAPSHOT}), which version parsers
 * accept and {@code kubectl version} prints as the server version. Immutable.
 *
 * @param major {@code "1"}
 * @param minor {@code "32"}
 * @param gitVersion {@code v1.32.0+capstan-<capstan version>}
 * @param gitCommit the commit Capstan was built from, {@code unknown} when not known
 * @param gitTreeState {@code clean} or {@code dirty}
 * @param buildDate RFC 3339, seconds, UTC
 * @param goVersion the runtime, {@code java17.0.12+7} (Kubernetes puts its Go version here)
 * @param compiler {@code javac}
 * @param platform {@code <os>/<arch>} in Go's names ({@code linux/amd64})
 */
public record VersionInfo(String major, String minor, String gitVersion, String gitCommit, String gitTreeState,
    String buildDate, String goVersion, String compiler, String platform) {

  /** The Kubernetes release whose API and kubectl behaviour Capstan follows. */
  public static final String KUBERNETES_VERSION = "v1.32.0";

  public VersionInfo {
    requireNonNull(major, "major");
    requireNonNull(minor, "minor");
    requireNonNull(gitVersion, "gitVersion");
    requireNonNull(gitCommit, "gitCommit");
    requireNonNull(gitTreeState, "gitTreeState");
    requireNonNull(buildDate, "buildDate");
    requireNonNull(goVersion, "goVersion");
    requireNonNull(compiler, "compiler");
    requireNonNull(platform, "platform");
  }

  /**
   * Capstan's answer, on the platform it runs on.
   *
   * @param capstanVersion Capstan's version ({@code 0.1.0-SNAPSHOT})
   * @param buildDate when Capstan was built (or started, when unknown)
   * @param gitCommit the commit, {@code unknown} when not known
   */
  public static VersionInfo capstan(String capstanVersion, Instant buildDate, String gitCommit) {
    return capstan(capstanVersion, buildDate, gitCommit,
        platformOf(System.getProperty("os.name", ""), System.getProperty("os.arch", "")),
        "java" + Runtime.version());
  }

  /** Capstan's answer with every environment-dependent value given, for tests and reproducible builds. */
  public static VersionInfo capstan(String capstanVersion, Instant buildDate, String gitCommit, String platform,
      String runtime) {
    requireNonNull(capstanVersion, "capstanVersion");
    String date = DateTimeFormatter.ISO_INSTANT.format(requireNonNull(buildDate, "buildDate")
        .truncatedTo(ChronoUnit.SECONDS));
    return new VersionInfo("1", "32", KUBERNETES_VERSION + "+capstan-" + buildMetadata(capstanVersion),
        gitCommit, "clean", date, runtime, "javac", platform);
  }

  /**
   * Semantic-version build metadata allows only {@code [0-9A-Za-z-.]}; anything else becomes
   * {@code -}, so the version always parses.
   */
  static String buildMetadata(String version) {
    String cleaned = version.replaceAll("[^0-9A-Za-z.-]", "-").replaceAll("\\.{2,}", ".");
    cleaned = cleaned.replaceAll("^\\.|\\.$", "");
    return cleaned.isEmpty() ? "unknown" : cleaned;
  }

  /** Java's {@code os.name}/{@code os.arch} in Go's {@code GOOS/GOARCH} names ({@code linux/amd64}). */
  public static String platformOf(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String goos = os.startsWith("linux") ? "linux" : os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
        : os.startsWith("windows") ? "windows" : os.isEmpty() ? "unknown" : os.replace(' ', '-');
    String arch = osArch.toLowerCase(Locale.ROOT);
    String goarch = switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i486", "i586", "i686" -> "386";
      case "ppc64le", "s390x", "riscv64" -> arch;
      case "" -> "unknown";
      default -> arch;
    };
    return goos + "/" + goarch;
  }

  /** The document, fields in Kubernetes' order. */
  public ObjectNode toJson() {
    return JsonNodeFactory.instance.objectNode().put("major", major).put("minor", minor)
        .put("gitVersion", gitVersion).put("gitCommit", gitCommit).put("gitTreeState", gitTreeState)
        .put("buildDate", buildDate).put("goVersion", goVersion).put("compiler", compiler).put("platform", platform);
  }
}
