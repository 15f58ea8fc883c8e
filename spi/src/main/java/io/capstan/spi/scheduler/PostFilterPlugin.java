package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/**
 * Runs only when no node passed the filters (Kubernetes' PostFilter; the default is
 * {@code DefaultPreemption}, which picks victims of lower priority, evicts them and nominates the
 * node). Plugins run in order until one returns SUCCESS.
 *
 * <p>Called on the scheduling thread; may fan out to the {@link FrameworkHandle}'s parallelism to
 * evaluate candidates, re-running filters on {@linkplain CycleState#copy() copies} of the state
 * with {@link PreFilterExtensions}. May do API calls (evictions); the next cycle does not start
 * until it returns, so keep it bounded.
 */
public interface PostFilterPlugin extends SchedulerPlugin {

  /**
   * @param filteredNodeStatuses why each node was rejected, by node name; nodes rejected with
   *     UNSCHEDULABLE_AND_UNRESOLVABLE are not candidates for preemption
   */
  PostFilterResult postFilter(CycleState state, Pod pod, Map<String, Status> filteredNodeStatuses);
}
