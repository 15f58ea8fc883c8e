package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Claims plugin-managed resources for a pod once a node was chosen and the pod was assumed onto it
 * in the scheduler's cache, before binding (Kubernetes' Reserve; VolumeBinding reserves volumes).
 *
 * <p>{@link #reserve} is called on the scheduling thread. If it or any later step (another
 * Reserve, Permit, PreBind, Bind) fails, the framework calls {@link #unreserve} of
 * <em>every</em> Reserve plugin in reverse order, possibly on a binding thread.
 */
public interface ReservePlugin extends SchedulerPlugin {

  /** SUCCESS or ERROR; an error unreserves and requeues the pod. */
  Status reserve(CycleState state, Pod pod, String nodeName);

  /**
   * Releases what {@link #reserve} claimed. Must be idempotent and must cope with being called
   * although this plugin's reserve never ran or failed. Cannot fail.
   */
  void unreserve(CycleState state, Pod pod, String nodeName);
}
