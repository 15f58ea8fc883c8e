package io.capstan.runtime.research;

import com.google.inject.Injector;
import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.node.NodeHost;
import io.capstan.runtime.node.NodePool;
import io.capstan.runtime.node.NodeSettings;
import io.capstan.runtime.research.TraceReader.TraceNode;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.node.ContainerRuntime;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trace's nodes as simulated node agents ({@link NodeHost}, the selected container runtime,
 * normally {@code simulated}): one single-node pool per trace node, so each keeps its own name,
 * CPU, memory and GPU-model label; registered in node-name order. The agents know cpu, memory and
 * pods only, so after they register, the GPUs are added to each Node's capacity and allocatable,
 * as a device plugin would advertise them.
 */
final class SimNodes implements AutoCloseable {

  /**
   * How often agents renew their Lease and rewrite their status. In a fill run virtual time does not
   * move, so they never do; in a timed replay of months they would dominate, and nothing here
   * watches leases (no node lifecycle controller), so they are rare. The status rewrite would drop
   * the GPUs the agents do not know about, so it stays beyond any trace.
   */
  record Timing(Duration leaseRenewInterval, Duration statusReportFrequency) {
    static Timing fill() {
      return new Timing(Duration.ofSeconds(10), Duration.ofDays(36_500));
    }

    static Timing replay() {
      return new Timing(Duration.ofDays(7), Duration.ofDays(36_500));
    }
  }

  private final NodeHost host;

  private SimNodes(NodeHost host) {
    this.host = host;
  }

  static SimNodes start(Injector injector, ApiClient client, DeterministicExecutor executor, List<TraceNode> trace,
      List<String> names, Timing timing) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < trace.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(names::get));
    List<NodePool> pools = new ArrayList<>();
    for (int i : order) {
      TraceNode n = trace.get(i);
      String name = names.get(i);
      pools.add(new NodePool(name, 1, new Quantity(n.cpuMilli() + "m"), new Quantity(n.memoryMib() + "Mi"), 10_000,
          Map.of(TraceObjects.GPU_MODEL, n.model()), List.of(), List.of(name)));
    }
    NodeSettings settings = new NodeSettings(pools, "10.0.0.0/8", 0, Duration.ofSeconds(40), timing.leaseRenewInterval(),
        Duration.ofSeconds(10), timing.statusReportFrequency(), 4);
    com.google.inject.Provider<ContainerRuntime> runtimes = injector.getProvider(ContainerRuntime.class);
    NodeHost host = new NodeHost(client, executor.clock(), executor, runtimes::get, settings,
        NodeHost.identities(settings), Optional.empty());
    host.start();
    var api = client.resources(Node.class);
    for (int i : order) {
      TraceNode n = trace.get(i);
      if (n.gpus() == 0) {
        continue;
      }
      Node node = api.get("", names.get(i)).orElseThrow();
      Map<String, Quantity> capacity = new LinkedHashMap<>(node.getStatus().getCapacity());
      capacity.put(TraceObjects.GPU_MILLI, new Quantity(Long.toString(n.gpus() * 1000L)));
      capacity.put(TraceObjects.GPU_COUNT, new Quantity(Integer.toString(n.gpus())));
      Map<String, Quantity> allocatable = new LinkedHashMap<>(node.getStatus().getAllocatable());
      allocatable.put(TraceObjects.GPU_MILLI, capacity.get(TraceObjects.GPU_MILLI));
      allocatable.put(TraceObjects.GPU_COUNT, capacity.get(TraceObjects.GPU_COUNT));
      node.getStatus().setCapacity(capacity);
      node.getStatus().setAllocatable(allocatable);
      api.updateStatus(node);
    }
    return new SimNodes(host);
  }

  NodeHost host() {
    return host;
  }

  @Override
  public void close() {
    host.close();
  }
}
