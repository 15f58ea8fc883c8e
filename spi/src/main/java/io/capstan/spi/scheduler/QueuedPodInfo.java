package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Set;

/**
 * A pod waiting in the scheduling queue, as {@link QueueSortPlugin} and {@link PreEnqueuePlugin}
 * see it. Times come from the scheduler's {@link io.capstan.spi.clock.Clock}.
 *
 * @param podInfo the pod
 * @param timestamp when the pod was last added to (or moved within) the queue
 * @param attempts how many scheduling cycles the pod has been through, 0 before the first
 * @param initialAttemptTimestamp when the pod was first added to the queue (for end-to-end latency)
 * @param unschedulablePlugins the plugins that rejected it in its last attempt; the queue uses them
 *     with {@link EnqueueExtensions} to decide which cluster events requeue it
 */
public record QueuedPodInfo(PodInfo podInfo, Instant timestamp, int attempts,
    Instant initialAttemptTimestamp, Set<String> unschedulablePlugins) {

  public QueuedPodInfo {
    requireNonNull(podInfo, "podInfo");
    requireNonNull(timestamp, "timestamp");
    requireNonNull(initialAttemptTimestamp, "initialAttemptTimestamp");
    unschedulablePlugins = Set.copyOf(requireNonNull(unschedulablePlugins,
        "unschedulablePlugins"));
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }
  }

  public Pod pod() {
    return podInfo.pod();
  }
}
