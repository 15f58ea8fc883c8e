package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Lets preemption update a {@link PreFilterPlugin}'s cycle state as if a pod were added to or
 * removed from a node, so the plugin's Filter then answers for the changed node (InterPodAffinity
 * and PodTopologySpread count matching pods, for instance).
 *
 * <p>Called by PostFilter plugins on a {@linkplain CycleState#copy() copy} of the cycle state and a
 * copy of the node, possibly from several threads at once for different nodes (each with its own
 * copies). A non-success status makes the candidate node unusable for preemption.
 */
public interface PreFilterExtensions {

  /** Updates {@code state} as if {@code podToAdd} were running on {@code nodeInfo}. */
  Status addPod(CycleState state, Pod podToSchedule, PodInfo podToAdd, NodeInfo nodeInfo);

  /** Updates {@code state} as if {@code podToRemove} were no longer on {@code nodeInfo}. */
  Status removePod(CycleState state, Pod podToSchedule, PodInfo podToRemove, NodeInfo nodeInfo);
}
