package io.capstan.plugins.node.simulated;

import io.capstan.spi.plugin.DurationDeserializer;
import io.capstan.spi.plugin.InvalidConfigException;
import java.time.Duration;

/**
 * The {@code simulated} runtime's defaults, bound from {@code node.simulated.*}; each can be
 * overridden per pod (or per container) by a {@code sim.capstan.io/...} annotation, see the
 * module README. A null component (key absent) means the default.
 *
 * @param startupLatency time from start to RUNNING; default {@code 0}
 * @param duration how long a container runs before it exits by itself; default {@code forever}
 * @param initDuration how long an init container runs; default {@code 0} (exits at once)
 * @param exitCode the exit code when a container ends by itself; default 0
 * @param failProbability the chance a run fails (exits 1 or its exit code) instead; default 0
 * @param failAfter when a failing run without a duration exits; default {@code 1s}
 * @param terminationDelay how long a container takes to exit after SIGTERM; default {@code 0}
 * @param logLines synthetic log lines a container prints when it starts; default 3
 * @param readiness readiness probe result: success, fail, fail-after=D, succeed-after=D
 * @param liveness liveness probe result, same syntax; default success
 * @param startup startup probe result, same syntax; default success
 * @param seed mixed into every pod's random generator (with the pod uid); default 0
 * @param batchDuration how long a container of a run-to-completion pod (restartPolicy Never or
 *     OnFailure: a Job's) runs when no annotation says; default {@code 1s}, so Jobs complete
 * @param cpuUsage the CPU a running container reports using, a quantity; default {@code 0}
 * @param memoryUsage the memory a running container reports using, a quantity; default {@code 0}
 */
public record SimulatedRuntimeConfig(Duration startupLatency, String duration, Duration initDuration,
    Integer exitCode, Double failProbability, Duration failAfter, Duration terminationDelay,
    Integer logLines, String readiness, String liveness, String startup, Long seed, Duration batchDuration,
    String cpuUsage, String memoryUsage) {

  public SimulatedRuntimeConfig {
    startupLatency = startupLatency == null ? Duration.ZERO : startupLatency;
    duration = duration == null || duration.isBlank() ? "forever" : duration.trim();
    initDuration = initDuration == null ? Duration.ZERO : initDuration;
    exitCode = exitCode == null ? 0 : exitCode;
    failProbability = failProbability == null ? 0.0 : failProbability;
    failAfter = failAfter == null ? Duration.ofSeconds(1) : failAfter;
    terminationDelay = terminationDelay == null ? Duration.ZERO : terminationDelay;
    logLines = logLines == null ? 3 : logLines;
    readiness = readiness == null || readiness.isBlank() ? "success" : readiness.trim();
    liveness = liveness == null || liveness.isBlank() ? "success" : liveness.trim();
    startup = startup == null || startup.isBlank() ? "success" : startup.trim();
    seed = seed == null ? 0L : seed;
    batchDuration = batchDuration == null ? Duration.ofSeconds(1) : batchDuration;
    cpuUsage = cpuUsage == null || cpuUsage.isBlank() ? "0" : cpuUsage.trim();
    memoryUsage = memoryUsage == null || memoryUsage.isBlank() ? "0" : memoryUsage.trim();
    for (String[] usage : new String[][] {{"cpuUsage", cpuUsage}, {"memoryUsage", memoryUsage}}) {
      try {
        if (io.capstan.spi.api.Quantities.parse(usage[1]).milliValue() < 0) {
          throw new IllegalArgumentException("negative");
        }
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(usage[0], "'" + usage[1] + "' is not a non-negative quantity such as 250m or 128Mi");
      }
    }
    if (startupLatency.isNegative() || initDuration.isNegative() || failAfter.isNegative()
        || terminationDelay.isNegative() || batchDuration.isNegative()) {
      throw new InvalidConfigException("startupLatency", "durations must not be negative");
    }
    if (!duration.equals("forever")) {
      try {
        DurationDeserializer.parse(duration);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException("duration", "must be 'forever' or a duration such as 30s");
      }
    }
    if (exitCode < 0 || exitCode > 255) {
      throw new InvalidConfigException("exitCode", "must be from 0 to 255");
    }
    if (failProbability < 0 || failProbability > 1) {
      throw new InvalidConfigException("failProbability", "must be from 0 to 1, e.g. 0.1");
    }
    if (logLines < 0) {
      throw new InvalidConfigException("logLines", "must be >= 0");
    }
    for (String[] probe : new String[][] {{"readiness", readiness}, {"liveness", liveness}, {"startup", startup}}) {
      try {
        ProbeScript.parse(probe[1]);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(probe[0], e.getMessage());
      }
    }
  }

  /** Every setting at its default. */
  public static SimulatedRuntimeConfig defaults() {
    return new SimulatedRuntimeConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
