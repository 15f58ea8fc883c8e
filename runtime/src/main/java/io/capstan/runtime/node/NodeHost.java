package io.capstan.runtime.node;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.resource.PodLogs;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.client.informer.DefaultSharedInformer;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.node.ContainerRuntime;
import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the node agents of this process: one {@link NodeAgent} per configured node, all sharing one
 * pod informer (indexed by {@code spec.nodeName}), one node informer, one work queue with a few
 * workers, and the injected executor and clock. No thread of its own.
 */
public final class NodeHost implements Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(NodeHost.class);
  /** The pod informer's index of pods by node. */
  public static final String BY_NODE = "spec.nodeName";

  private final ApiClient client;
  private final Clock clock;
  private final TaskExecutor executor;
  private final Supplier<ContainerRuntime> runtimes;
  private final NodeSettings settings;
  private final List<NodeIdentity> identities;
  private final Optional<PodLogs> logs;
  private final Map<String, NodeAgent> agents = new LinkedHashMap<>();
  private final Map<String, NodeHeartbeat> heartbeats = new LinkedHashMap<>();
  private final Map<String, PodLogs.Source> logSources = new LinkedHashMap<>();
  private DefaultInformerFactory informers;
  private PodWorkQueue<PodKey> queue;
  private boolean started;

  public NodeHost(ApiClient client, Clock clock, TaskExecutor executor, Supplier<ContainerRuntime> runtimes,
      NodeSettings settings, List<NodeIdentity> identities, Optional<PodLogs> logs) {
    this.client = requireNonNull(client, "client");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.runtimes = requireNonNull(runtimes, "runtimes");
    this.settings = requireNonNull(settings, "settings");
    this.identities = List.copyOf(requireNonNull(identities, "identities"));
    this.logs = requireNonNull(logs, "logs");
  }

  /** The nodes of the settings' pools: names, /24s of the cluster CIDR and addresses, in order. */
  public static List<NodeIdentity> identities(NodeSettings settings) {
    PodCidrs cidrs = PodCidrs.parse(settings.clusterCidr());
    List<NodeIdentity> out = new ArrayList<>();
    int index = settings.firstNodeIndex();
    for (NodePool pool : settings.pools()) {
      for (int i = 1; i <= pool.count(); i++) {
        out.add(new NodeIdentity(pool.nodeName(i), index - settings.firstNodeIndex(), pool, cidrs.nodeCidr(index), internalIp(index)));
        index++;
      }
    }
    return out;
  }

  /** Simulated nodes' addresses: 10.240.0.1, 10.240.0.2, ... */
  static String internalIp(int index) {
    int host = index + 1;
    return "10." + (240 + (host >> 16)) + "." + ((host >> 8) & 255) + "." + (host & 255);
  }

  @Override
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    informers = new DefaultInformerFactory(client, executor, clock);
    DefaultSharedInformer<Pod> pods = informers.informer(Pod.class);
    pods.addIndexer(BY_NODE, p -> p.getSpec() == null || p.getSpec().getNodeName() == null
        ? List.of() : List.of(p.getSpec().getNodeName()));
    DefaultSharedInformer<Node> nodes = informers.informer(Node.class);
    // one Service informer for every agent: the kubelet's service environment variables
    DefaultSharedInformer<io.fabric8.kubernetes.api.model.Service> services =
        informers.informer(io.fabric8.kubernetes.api.model.Service.class);
    queue = new PodWorkQueue<>(executor, settings.workers(), key -> {
      NodeAgent agent = agents.get(key.node());
      if (agent != null) {
        agent.sync(key.namespace(), key.name());
      }
    });
    AgentProbes probes = new AgentProbes(executor);
    for (NodeIdentity id : identities) {
      ContainerRuntime runtime = runtimes.get();
      try {
        runtime.start();
      } catch (Exception e) {
        throw new IllegalStateException("node " + id.name() + ": the container runtime failed to start: " + e, e);
      }
      NodeAgent agent = new NodeAgent(id, runtime, client, clock, executor, pods.lister(), queue, probes);
      agent.useServices(services.lister());
      NodeHeartbeat heartbeat = new NodeHeartbeat(id, runtime.version(), client, clock, executor, settings);
      heartbeat.measureMemory(agent::memoryWorkingSet);
      heartbeat.register();
      agents.put(id.name(), agent);
      heartbeats.put(id.name(), heartbeat);
      logs.ifPresent(registry -> {
        PodLogs.Source source = new NodeLogSource(agent);
        logSources.put(id.name(), source);
        registry.register(id.name(), source);
      });
    }
    pods.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        enqueue(pod);
      }

      @Override
      public void onUpdate(Pod oldPod, Pod newPod) {
        if (oldPod != newPod) {
          enqueue(newPod);
        }
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        enqueue(pod);
      }
    });
    nodes.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onUpdate(Node oldNode, Node newNode) {
        NodeHeartbeat heartbeat = heartbeats.get(newNode.getMetadata().getName());
        if (heartbeat != null && !ready(newNode)) {
          executor.execute(heartbeat::reportNow); // the lifecycle controller gave up on us too early
        }
      }
    });
    heartbeats.values().forEach(h -> h.start(identities.size()));
    informers.start();
    LOG.info("{} node agent(s) registered", agents.size());
  }

  private static boolean ready(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void enqueue(Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (node != null && agents.containsKey(node)) {
      queue.add(new PodKey(node, pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
    }
  }

  /** The agents, in node order. */
  public synchronized Collection<NodeAgent> agents() {
    return List.copyOf(agents.values());
  }

  /** Lease renewals done so far by all nodes. */
  public synchronized long leaseRenewals() {
    return heartbeats.values().stream().mapToLong(NodeHeartbeat::renewals).sum();
  }

  /**
   * Stops one node as if its machine died: no more heartbeats, pods forgotten, objects left in the
   * API for the node lifecycle controller to notice.
   */
  public synchronized void stopNode(String name) {
    NodeHeartbeat heartbeat = heartbeats.remove(name);
    NodeAgent agent = agents.remove(name);
    if (heartbeat == null || agent == null) {
      throw new IllegalArgumentException("no node agent named " + name + "; running: " + agents.keySet());
    }
    heartbeat.stop();
    PodLogs.Source source = logSources.remove(name);
    logs.ifPresent(registry -> registry.unregister(name, source));
    agent.stop();
  }

  @Override
  public synchronized void close() {
    if (!started) {
      return;
    }
    started = false;
    heartbeats.values().forEach(NodeHeartbeat::stop);
    if (informers != null) {
      informers.stop();
    }
    if (queue != null) {
      queue.shutDown();
    }
    logs.ifPresent(registry -> logSources.forEach(registry::unregister));
    agents.values().forEach(NodeAgent::stop);
    agents.clear();
    heartbeats.clear();
  }
}
