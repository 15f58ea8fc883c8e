package io.capstan.plugins.node.simulated;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerRuntimeException;
import io.capstan.spi.plugin.DurationDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What one simulated container instance does, decided when it is created from the pod's
 * {@code sim.capstan.io/*} annotations (a key suffixed with {@code .<container>} wins for that
 * container) over the runtime's configured defaults.
 *
 * @param startupLatency time from start to RUNNING
 * @param runFor how long it runs before exiting by itself; empty: until stopped
 * @param exitCode its exit code when it exits by itself
 * @param terminationDelay time from SIGTERM to exit; empty: it ignores SIGTERM (killed at the timeout)
 * @param logText the lines it prints at start, when given literally; empty: synthetic lines
 * @param logLines how many synthetic lines it prints at start
 * @param readiness the readiness probe's answers
 * @param liveness the liveness probe's answers
 * @param startup the startup probe's answers
 * @param cpuMillicores the CPU it reports using while it runs
 * @param memoryBytes the memory (working set) it reports using while it runs
 */
record SimulatedBehavior(Duration startupLatency, Optional<Duration> runFor, int exitCode,
    Optional<Duration> terminationDelay, Optional<List<String>> logText, int logLines,
    ProbeScript readiness, ProbeScript liveness, ProbeScript startup, long cpuMillicores, long memoryBytes) {

  /** The annotation prefix. */
  static final String PREFIX = "sim.capstan.io/";
  /** The label the node agent puts on init containers. */
  static final String INIT_LABEL = "capstan.io/init-container";

  SimulatedBehavior {
    requireNonNull(startupLatency, "startupLatency");
    requireNonNull(runFor, "runFor");
    requireNonNull(terminationDelay, "terminationDelay");
    requireNonNull(logText, "logText");
    requireNonNull(readiness, "readiness");
    requireNonNull(liveness, "liveness");
    requireNonNull(startup, "startup");
  }

  /**
   * Decides the behaviour of one instance; the random draw (fail-probability) is seeded by the pod
   * uid, the container name, the attempt and the configured seed, so a replay decides the same.
   *
   * @throws ContainerRuntimeException when an annotation cannot be read, naming it
   */
  /** The label the node agent puts on containers with their pod's {@code restartPolicy}. */
  static final String RESTART_POLICY_LABEL = "capstan.io/restart-policy";

  static SimulatedBehavior of(SimulatedRuntimeConfig config, String podUid, ContainerConfig container) {
    Map<String, String> a = container.annotations();
    String name = container.name();
    boolean init = "true".equals(container.labels().get(INIT_LABEL));
    Duration latency = duration(a, name, "startup-latency").orElse(config.startupLatency());
    Optional<Duration> runFor;
    Optional<String> explicit = value(a, name, "duration");
    if (init && lookup(a, name, "duration", true).isEmpty()) {
      runFor = Optional.of(config.initDuration());
    } else if (explicit.isPresent()) {
      runFor = explicit.get().equals("forever") ? Optional.empty() : Optional.of(parseDuration("duration", explicit.get()));
    } else if (!"Always".equals(container.labels().getOrDefault(RESTART_POLICY_LABEL, "Always"))) {
      runFor = Optional.of(config.batchDuration()); // a Job's pod: runs to completion unless told otherwise
    } else {
      runFor = config.duration().equals("forever") ? Optional.empty()
          : Optional.of(DurationDeserializer.parse(config.duration()));
    }
    int exitCode = value(a, name, "exit-code").map(v -> parseInt("exit-code", v)).orElse(config.exitCode());
    double failProbability = value(a, name, "fail-probability").map(v -> parseDouble("fail-probability", v))
        .orElse(config.failProbability());
    long seed = config.seed() ^ ((long) podUid.hashCode() << 32) ^ (name.hashCode() * 31L + container.attempt());
    if (failProbability > 0 && new SplittableRandom(seed).nextDouble() < failProbability) {
      exitCode = exitCode == 0 ? 1 : exitCode;
      runFor = Optional.of(runFor.orElse(config.failAfter()));
    }
    Optional<String> term = value(a, name, "termination-delay");
    Optional<Duration> termination = term.isEmpty() ? Optional.of(config.terminationDelay())
        : term.get().equals("forever") ? Optional.empty() : Optional.of(parseDuration("termination-delay", term.get()));
    Optional<List<String>> text = value(a, name, "log").map(v -> List.of(v.split("\n", -1)));
    int lines = value(a, name, "log-lines").map(v -> parseInt("log-lines", v)).orElse(config.logLines());
    return new SimulatedBehavior(latency, runFor, exitCode, termination, text, lines,
        probe(a, name, "readiness", config.readiness()), probe(a, name, "liveness", config.liveness()),
        probe(a, name, "startup", config.startup()),
        quantity(a, name, "cpu-usage", config.cpuUsage()).milliValue(), quantity(a, name, "memory-usage", config.memoryUsage()).value());
  }

  private static io.capstan.spi.api.CanonicalQuantity quantity(Map<String, String> a, String container, String key, String fallback) {
    String text = value(a, container, key).orElse(fallback);
    try {
      io.capstan.spi.api.CanonicalQuantity q = io.capstan.spi.api.Quantities.parse(text);
      if (q.milliValue() < 0) {
        throw new IllegalArgumentException("negative");
      }
      return q;
    } catch (IllegalArgumentException e) {
      throw new ContainerRuntimeException("annotation " + PREFIX + key + ": '" + text
          + "' is not a non-negative quantity such as 250m or 128Mi");
    }
  }

  private static ProbeScript probe(Map<String, String> a, String container, String key, String fallback) {
    String text = value(a, container, key).orElse(fallback);
    try {
      return ProbeScript.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ContainerRuntimeException("annotation " + PREFIX + key + ": " + e.getMessage());
    }
  }

  private static Optional<String> value(Map<String, String> a, String container, String key) {
    return lookup(a, container, key, false);
  }

  /** The per-container key first ({@code sim.capstan.io/duration.main}), then the pod-wide one. */
  private static Optional<String> lookup(Map<String, String> a, String container, String key, boolean onlyPerContainer) {
    String own = a.get(PREFIX + key + "." + container);
    if (own != null) {
      return Optional.of(own.trim());
    }
    return onlyPerContainer ? Optional.empty() : Optional.ofNullable(a.get(PREFIX + key)).map(String::trim);
  }

  private static Optional<Duration> duration(Map<String, String> a, String container, String key) {
    return value(a, container, key).map(v -> parseDuration(key, v));
  }

  private static Duration parseDuration(String key, String text) {
    try {
      Duration d = DurationDeserializer.parse(text);
      if (d.isNegative()) {
        throw new IllegalArgumentException("negative");
      }
      return d;
    } catch (RuntimeException e) {
      throw new ContainerRuntimeException("annotation " + PREFIX + key + ": '" + text
          + "' is not a duration; write e.g. 500ms, 10s, 1m30s");
    }
  }

  private static int parseInt(String key, String text) {
    try {
      int v = Integer.parseInt(text);
      if (v < 0 || v > 255 && key.equals("exit-code")) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ContainerRuntimeException("annotation " + PREFIX + key + ": '" + text
          + "' is not a valid number" + (key.equals("exit-code") ? " from 0 to 255" : " >= 0"));
    }
  }

  private static double parseDouble(String key, String text) {
    try {
      double v = Double.parseDouble(text);
      if (v < 0 || v > 1) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ContainerRuntimeException("annotation " + PREFIX + key + ": '" + text
          + "' is not a probability from 0 to 1");
    }
  }
}
