package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Work that must happen before the pod is bound (Kubernetes' PreBind: provisioning volumes,
 * allocating claims).
 *
 * <p>Called in the binding cycle, on a binding thread, concurrently with later scheduling cycles
 * and other pods' binding cycles; it may block on API calls. Any non-success aborts binding: the
 * pod is unreserved and requeued.
 */
public interface PreBindPlugin extends SchedulerPlugin {

  /**
   * A cheap check whether {@link #preBind} has anything to do for this pod: SUCCESS (it will run),
   * SKIP (it would do nothing) or ERROR. Must not do real work. The default says it will run.
   */
  default Status preBindPreFlight(CycleState state, Pod pod, String nodeName) {
    return Status.success();
  }

  Status preBind(CycleState state, Pod pod, String nodeName);
}
