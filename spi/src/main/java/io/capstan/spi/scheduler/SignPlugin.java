package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * Lets the framework reuse one pod's filter verdicts and scores for the next pods that look the
 * same to every plugin (Kubernetes' {@code SignPlugin}, KEP-5598 opportunistic batching). When a
 * run of identical pods arrives — a Job's or a Deployment's replicas — the first pod is filtered and
 * scored on the usual window of nodes; the next ones take the best remaining node, and only the
 * nodes that changed since (the ones the batch placed pods on) are filtered and scored again.
 *
 * <p>A profile batches a pod only if every PreFilter, Filter, PreScore and Score plugin it runs
 * implements this interface and signs the pod. By signing, a plugin promises: for two pods with
 * equal fragments, its verdict and raw score on a node are the same, and they depend only on that
 * node's {@link NodeInfo} (the framework rescores a node when the node changes, and flushes the
 * batch when nodes are added or removed or pods with affinity change anywhere). A plugin whose
 * result depends on other nodes' pods for this pod (topology spreading, the pod's own affinity
 * terms) returns {@link Optional#empty()}: the pod is scheduled in a full cycle.
 *
 * <p>Called once per pod on the scheduling thread; must not change anything.
 */
public interface SignPlugin extends SchedulerPlugin {

  /**
   * The parts of the pod this plugin's verdicts and scores depend on (compared with {@code equals});
   * an empty list when they depend on none; {@link Optional#empty()} when the pod cannot be batched.
   */
  Optional<List<Object>> signPod(Pod pod);
}
