package io.capstan.runtime.scheduler.profile;

import java.time.Duration;
import java.util.List;

/**
 * A loaded scheduler configuration: the global settings and the profiles, defaulted and validated.
 *
 * @param percentageOfNodesToScore 0 means Kubernetes' adaptive default
 */
public record SchedulerConfig(int parallelism, int percentageOfNodesToScore, Duration podInitialBackoff,
    Duration podMaxBackoff, List<ProfileSpec> profiles) {

  public SchedulerConfig {
    profiles = List.copyOf(profiles);
  }
}
