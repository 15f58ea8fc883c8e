package io.capstan.runtime.client.workqueue;

import java.time.Duration;

/**
 * Receives the measurements of one {@link DefaultWorkQueue}, the ones client-go's
 * {@code workqueue/metrics.go} exports (its names in brackets), so a Micrometer or Prometheus
 * binding can be added without touching the queue. One instance per queue; the queue's name is
 * known to whoever creates both, so no method carries it, and no method carries a key (keys as
 * metric tags would explode cardinality).
 *
 * <p>Called with the queue's lock held, from producers, workers and timer tasks alike: methods
 * must be thread-safe, quick and must not call back into the queue. Every method defaults to doing
 * nothing.
 */
public interface WorkQueueMetrics {

  /** Records nothing. */
  WorkQueueMetrics NONE = new WorkQueueMetrics() {};

  /** A key became ready; repeated adds of a key already waiting are not counted ({@code adds_total}). */
  default void added() {}

  /** The number of ready keys is now {@code depth} ({@code depth}). */
  default void depth(int depth) {}

  /** A key waited {@code waited} between becoming ready and being handed out ({@code queue_duration_seconds}). */
  default void queued(Duration waited) {}

  /** A worker held a key for {@code worked}, from take/poll to done ({@code work_duration_seconds}). */
  default void worked(Duration worked) {}

  /** A delayed or rate-limited add was requested ({@code retries_total}). */
  default void retried() {}
}
