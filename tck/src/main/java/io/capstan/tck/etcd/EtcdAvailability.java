package io.capstan.tck.etcd;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whether a real {@code etcd} binary is here, and what a test does when it is not.
 *
 * <p>Outside CI a missing etcd <em>skips</em> the tests that need it, with {@link
 * #MISSING_MESSAGE}, so a developer without etcd still gets a green build. In CI (the environment
 * variable {@code CI} is {@code true}) a missing etcd <em>fails</em> them instead: CI installs etcd
 * in {@code .ci/install-deps.sh}, and a silently skipped suite there would hide that the etcd plugin
 * was never tested.
 *
 * <p>Use it as a JUnit 5 condition ({@code @ExtendWith(EtcdAvailability.class)}, or through {@link
 * EtcdExtension}, which applies it) or call {@link #evaluate(Map)} directly.
 */
public final class EtcdAvailability implements ExecutionCondition {

  /** The skip message; it says how to get etcd. */
  public static final String MISSING_MESSAGE =
      "etcd not found on PATH; install it with `apt-get install etcd-server`"
          + " (CI does this in .ci/install-deps.sh)";

  /** Where Debian's {@code etcd-server} package puts the binary, tried when PATH has none. */
  static final Path DEBIAN_BINARY = Path.of("/usr/bin/etcd");

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return evaluate(System.getenv());
  }

  /**
   * Enabled when etcd is found; disabled (skipped) when it is not, unless {@code env} says this is
   * CI, in which case it throws, which JUnit reports as a failure of every test it guards.
   *
   * @throws IllegalStateException in CI when etcd is missing
   */
  public static ConditionEvaluationResult evaluate(Map<String, String> env) {
    return decide(findBinary(env), isCi(env));
  }

  /**
   * The decision itself: enabled with a binary; without one, disabled, or in CI thrown.
   *
   * @throws IllegalStateException when {@code ci} and there is no binary
   */
  public static ConditionEvaluationResult decide(Optional<Path> binary, boolean ci) {
    if (binary.isPresent()) {
      return ConditionEvaluationResult.enabled("etcd found at " + binary.get());
    }
    if (ci) {
      throw new IllegalStateException(MISSING_MESSAGE
          + "; CI=true, so the etcd tests fail instead of being skipped");
    }
    return ConditionEvaluationResult.disabled(MISSING_MESSAGE);
  }

  /** The etcd binary of this machine: the first {@code etcd} on PATH, else {@code /usr/bin/etcd}. */
  public static Optional<Path> findBinary() {
    return findBinary(System.getenv());
  }

  public static Optional<Path> findBinary(Map<String, String> env) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, "etcd");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Files.isExecutable(DEBIAN_BINARY) ? Optional.of(DEBIAN_BINARY) : Optional.empty();
  }

  /** True when {@code CI} is set to {@code true} (any case), as CI systems and .ci/run set it. */
  public static boolean isCi(Map<String, String> env) {
    return "true".equalsIgnoreCase(env.getOrDefault("CI", "").trim());
  }

  /** For JUnit, which creates the condition reflectively. */
  public EtcdAvailability() {}
}
