package io.capstan.spi.scheduler;

import java.util.Comparator;

/**
 * Orders the active queue (Kubernetes' QueueSort). Exactly one QueueSort plugin is enabled per
 * scheduler, and all profiles must use the same one; the default {@code PrioritySort} puts higher
 * {@code spec.priority} first, then the earlier {@link QueuedPodInfo#timestamp()}.
 *
 * <p>Called on the queue's thread under its lock, so it must be fast, must not block and must be
 * a strict weak order (irreflexive, transitive), or the queue's heap breaks.
 */
public interface QueueSortPlugin extends SchedulerPlugin {

  /** True if {@code a} should be scheduled before {@code b}. */
  boolean less(QueuedPodInfo a, QueuedPodInfo b);

  /** The order as a comparator, first-to-schedule first. */
  default Comparator<QueuedPodInfo> comparator() {
    return (a, b) -> less(a, b) ? -1 : less(b, a) ? 1 : 0;
  }
}
