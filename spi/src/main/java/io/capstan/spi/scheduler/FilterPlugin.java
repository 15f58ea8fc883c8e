package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Decides whether a pod can run on one node (Kubernetes' Filter, called a predicate before).
 *
 * <p>Called once per candidate node, <strong>in parallel over nodes</strong> (16 threads by
 * default) and possibly again during preemption with copies of the state and node. It must therefore
 * be thread-safe and free of side effects: read the {@link CycleState} and the {@link NodeInfo},
 * change nothing, return a verdict. For one node the framework runs the filters in the profile's
 * order and stops at the first non-success.
 *
 * <p>Return SUCCESS (fits), UNSCHEDULABLE (does not fit, but evicting lower-priority pods might
 * help), UNSCHEDULABLE_AND_UNRESOLVABLE (preemption cannot help: a selector mismatch, an
 * untolerated taint) or ERROR (something is broken; aborts the whole cycle). Keep reasons free of
 * the node's name so identical reasons can be counted.
 */
public interface FilterPlugin extends SchedulerPlugin {

  Status filter(CycleState state, Pod pod, NodeInfo nodeInfo);
}
