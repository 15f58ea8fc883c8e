package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Decides whether a pod may enter the active queue at all (Kubernetes' PreEnqueue; the default
 * {@code SchedulingGates} holds pods with {@code spec.schedulingGates}).
 *
 * <p>Called on the queue's thread each time the pod would be added to the active or backoff queue,
 * before any scheduling cycle. Must be cheap and must not block: it runs for every pod event. Any
 * non-success status parks the pod among the unschedulable pods until an event registered through
 * {@link EnqueueExtensions} moves it again; the status's reasons are shown on the pod.
 */
public interface PreEnqueuePlugin extends SchedulerPlugin {

  Status preEnqueue(Pod pod);
}
