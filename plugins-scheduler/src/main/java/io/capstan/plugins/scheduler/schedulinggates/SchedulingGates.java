package io.capstan.plugins.scheduler.schedulinggates;

import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.ClusterEvent;
import io.capstan.spi.scheduler.ClusterEvent.Action;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.PreEnqueuePlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' {@code SchedulingGates} (PreEnqueue, first in the default profile): a pod with
 * {@code spec.schedulingGates} stays out of the active queue with {@code waiting for scheduling
 * gates: [a b]} (UNSCHEDULABLE_AND_UNRESOLVABLE) until the gates are removed.
 */
public final class SchedulingGates implements PreEnqueuePlugin, EnqueueExtensions {

  public static final String NAME = "SchedulingGates";

  @Inject
  public SchedulingGates(NoConfig config) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preEnqueue(Pod pod) {
    List<PodSchedulingGate> gates = pod.getSpec() == null ? null : pod.getSpec().getSchedulingGates();
    if (gates == null || gates.isEmpty()) {
      return Status.success();
    }
    // Go's %v of a []string: [a b]
    return Status.unschedulableAndUnresolvable("waiting for scheduling gates: ["
        + String.join(" ", gates.stream().map(PodSchedulingGate::getName).toList()) + "]");
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.of("pods", Action.UPDATE_POD_SCHEDULING_GATES_ELIMINATED));
  }
}
