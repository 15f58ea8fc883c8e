package io.capstan.plugins.scheduler.nodeports;

import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.ClusterEvent.Action;
import io.capstan.spi.scheduler.ClusterEvent;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.HostPort;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.SignPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' {@code NodePorts}: a node is UNSCHEDULABLE when a {@code hostPort} the pod asks for
 * conflicts with one in use there (same protocol and port; {@code 0.0.0.0} conflicts with every
 * address). PreFilter skips pods that ask for no host port.
 */
public final class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions, SignPlugin {

  public static final String NAME = "NodePorts";
  public static final String REASON = "node(s) didn't have free ports for the requested pod ports";
  static final CycleState.Key<PreFilterState> KEY =
      CycleState.key("PreFilter" + NAME, PreFilterState.class);

  record PreFilterState(List<HostPort> ports) implements CycleState.StateData {
    @Override
    public CycleState.StateData copy() {
      return this;
    }
  }

  @Inject
  public NodePorts(NoConfig config) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<List<Object>> signPod(Pod pod) {
    return Optional.of(List.of(hostPorts(pod)));
  }

  /** The host ports of the pod's containers and sidecars (Kubernetes' {@code GetHostPorts}). */
  public static List<HostPort> hostPorts(Pod pod) {
    List<HostPort> ports = new ArrayList<>();
    if (pod.getSpec() == null) {
      return ports;
    }
    List<Container> containers = new ArrayList<>();
    if (pod.getSpec().getContainers() != null) {
      containers.addAll(pod.getSpec().getContainers());
    }
    if (pod.getSpec().getInitContainers() != null) {
      pod.getSpec().getInitContainers().stream()
          .filter(c -> "Always".equals(c.getRestartPolicy())).forEach(containers::add);
    }
    for (Container c : containers) {
      for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
        if (p.getHostPort() != null && p.getHostPort() > 0) {
          ports.add(new HostPort(p.getHostIP() == null ? "" : p.getHostIP(),
              p.getProtocol() == null ? "" : p.getProtocol(), p.getHostPort()));
        }
      }
    }
    return ports;
  }

  @Override
  public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
    List<HostPort> ports = hostPorts(pod);
    if (ports.isEmpty()) {
      return PreFilterResult.skip();
    }
    state.write(KEY, new PreFilterState(ports));
    return PreFilterResult.allNodes();
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
    List<HostPort> wanted = state.read(KEY).map(PreFilterState::ports).orElseGet(() -> hostPorts(pod));
    Set<HostPort> used = nodeInfo.usedPorts();
    for (HostPort w : wanted) {
      for (HostPort u : used) {
        if (w.conflictsWith(u)) {
          return Status.unschedulable(REASON);
        }
      }
    }
    return Status.success();
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.of("pods", Action.DELETE), ClusterEvent.of("nodes", Action.ADD));
  }
}
