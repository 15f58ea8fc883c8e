package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import java.util.Set;

/**
 * Optional companion of plugins that can reject pods (PreEnqueue, PreFilter, Filter, Reserve,
 * Permit): says which cluster events may make a pod it rejected schedulable again, so the queue
 * retries the pod when one happens instead of only on the periodic flush (every 5 minutes in
 * Kubernetes). A plugin that does not implement it is assumed to care about every event.
 *
 * <p>Called on the queue's thread; must be cheap and must not block.
 */
public interface EnqueueExtensions extends SchedulerPlugin {

  /** The answer of {@link #isSchedulableAfter}. */
  enum QueueingHint {
    /** The event may make the pod schedulable: move it to the active or backoff queue. */
    QUEUE,
    /** The event does not help this pod: leave it where it is. */
    SKIP
  }

  /** The events that may make a pod rejected by this plugin schedulable. Read once at start-up. */
  Set<ClusterEvent> eventsToRegister();

  /**
   * A finer check for one pod rejected by this plugin and one matching event (Kubernetes'
   * QueueingHintFn). The default queues, which is always safe.
   *
   * @param oldObject the object before the change, empty for an ADD
   * @param newObject the object after the change, empty for a DELETE
   */
  default QueueingHint isSchedulableAfter(Pod pod, ClusterEvent event, Optional<Object> oldObject,
      Optional<Object> newObject) {
    return QueueingHint.QUEUE;
  }
}
