package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * The last gate before binding (Kubernetes' Permit): approve, deny or hold the pod. Gang
 * scheduling holds members with WAIT until the whole group is placed, then allows them all through
 * {@link FrameworkHandle#waitingPods()}.
 *
 * <p>Called on the scheduling thread after Reserve. If any Permit plugin rejects, the pod is
 * unreserved and requeued. If some return WAIT, the binding cycle waits (on its own thread, not
 * blocking the next scheduling cycle) until every waiting plugin {@linkplain WaitingPod#allow
 * allows} the pod, any {@linkplain WaitingPod#reject rejects} it, or the shortest timeout passes
 * on the scheduler's clock, which rejects it.
 */
public interface PermitPlugin extends SchedulerPlugin {

  PermitResult permit(CycleState state, Pod pod, String nodeName);
}
