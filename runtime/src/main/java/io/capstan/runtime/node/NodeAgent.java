package io.capstan.runtime.node;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.Lister;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.node.ContainerRuntime;
import io.capstan.spi.node.ContainerRuntimeEvents;
import io.capstan.spi.node.ContainerRuntimeException;
import io.capstan.spi.node.ContainerStatus;
import io.capstan.spi.node.PodSandboxConfig;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet of one node: admits the pods bound to it, runs them through its container runtime
 * and reports their status. It owns no thread: its pods are synced by the host's shared workers,
 * its heartbeat ({@link NodeHeartbeat}) runs on the shared executor.
 */
public final class NodeAgent {

  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
  static final String LABEL_NAMESPACE = "io.kubernetes.pod.namespace";
  static final String LABEL_NAME = "io.kubernetes.pod.name";
  static final String LABEL_UID = "io.kubernetes.pod.uid";
  static final String LABEL_CONTAINER = "io.kubernetes.container.name";

  private final NodeIdentity identity;
  private final ContainerRuntime runtime;
  private final ApiClient client;
  private final Clock clock;
  private final TaskExecutor executor;
  private final Lister<Pod> pods;
  private final PodWorkQueue<PodKey> queue;
  private final AgentProbes probes;
  private final PodIpAllocator ips;
  private final PodStatusComposer composer;
  private final PodSync sync = new PodSync(this);
  private final Map<String, PodState> states = new ConcurrentHashMap<>();
  private final long cpuMillis;
  private final long memoryBytes;
  private final int maxPods;
  private long usedCpu; // guarded by this
  private long usedMemory; // guarded by this
  private int usedPods; // guarded by this

  /** The cluster's Services, for the kubelet's service environment variables; none until the host sets them. */
  private volatile java.util.function.Supplier<java.util.Collection<io.fabric8.kubernetes.api.model.Service>> services =
      java.util.List::of;

  /** Gives this agent the Services it puts in pods' environments ({@code enableServiceLinks}). */
  void useServices(Lister<io.fabric8.kubernetes.api.model.Service> lister) {
    this.services = () -> lister.list("");
  }

  java.util.Collection<io.fabric8.kubernetes.api.model.Service> services() {
    return services.get();
  }

  NodeAgent(NodeIdentity identity, ContainerRuntime runtime, ApiClient client, Clock clock, TaskExecutor executor,
      Lister<Pod> pods, PodWorkQueue<PodKey> queue, AgentProbes probes) {
    this.identity = requireNonNull(identity, "identity");
    this.runtime = requireNonNull(runtime, "runtime");
    this.client = requireNonNull(client, "client");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.pods = requireNonNull(pods, "pods");
    this.queue = requireNonNull(queue, "queue");
    this.probes = requireNonNull(probes, "probes");
    this.ips = new PodIpAllocator(identity.podCidr());
    this.composer = new PodStatusComposer(runtime.version().name());
    this.cpuMillis = PodRequests.quantityMillis(identity.pool().cpu());
    this.memoryBytes = PodRequests.quantityUnits(identity.pool().memory());
    this.maxPods = identity.pool().pods();
    runtime.setListener(new ContainerRuntimeEvents() {
      @Override
      public void containerChanged(ContainerStatus status) {
        String ns = status.labels().get(LABEL_NAMESPACE);
        String name = status.labels().get(LABEL_NAME);
        if (ns != null && name != null) {
          queue.add(new PodKey(identity.name(), ns, name));
        }
      }
    });
  }

  public String name() {
    return identity.name();
  }

  public NodeIdentity identity() {
    return identity;
  }

  ContainerRuntime runtime() {
    return runtime;
  }

  ApiClient client() {
    return client;
  }

  Clock clock() {
    return clock;
  }

  TaskExecutor executor() {
    return executor;
  }

  /** The httpGet/tcpSocket prober shared by the host's agents, for runtimes that leave probes to the agent. */
  AgentProbes probes() {
    return probes;
  }

  PodStatusComposer composer() {
    return composer;
  }

  /** Pods this agent runs now (admitted and not yet removed). */
  public int podCount() {
    return states.size();
  }

  /** Memory the running containers of this node use now, from the runtime's stats (0 where it has none). */
  long memoryWorkingSet() {
    long total = 0;
    for (PodState st : states.values()) {
      for (ContainerRecord rec : st.containers) {
        String id = rec.containerId;
        if (id != null) {
          total += runtime.containerStats(id).map(s -> s.memoryWorkingSetBytes()).orElse(0L);
        }
      }
    }
    return total;
  }

  /** The runtime's container id of a pod's container, for logs. */
  Optional<String> containerId(String namespace, String name, String container, boolean previous) {
    PodState st = states.get(namespace + "/" + name);
    if (st == null) {
      return Optional.empty();
    }
    List<ContainerRecord> all = new ArrayList<>(st.initContainers);
    all.addAll(st.containers);
    for (ContainerRecord rec : all) {
      if (rec.name().equals(container)) {
        return Optional.ofNullable(rec.containerId);
      }
    }
    return Optional.empty();
  }

  void requeueAfter(PodState st, Duration delay) {
    queue.addAfter(new PodKey(identity.name(), st.namespace, st.name), delay);
  }

  /** Syncs one pod: called by the shared workers, one at a time per pod. */
  void sync(String namespace, String name) {
    String key = namespace + "/" + name;
    Pod pod = pods.get(namespace, name).orElse(null);
    PodState st = states.get(key);
    if (st != null && (pod == null || !st.uid.equals(pod.getMetadata().getUid()))) {
      forget(st);
      st = null;
    }
    if (pod == null || !identity.name().equals(pod.getSpec().getNodeName())) {
      return;
    }
    if (st == null) {
      if (PodSync.isTerminal(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
        return; // finished before this agent started; nothing to run
      }
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        // deleted before it ever ran here (or while this agent was down): nothing to stop
        try {
          client.resources(Pod.class).delete(namespace, name, io.capstan.spi.client.DeleteOptions.DEFAULTS
              .withGracePeriodSeconds(0).withPreconditionUid(pod.getMetadata().getUid()));
        } catch (io.capstan.spi.client.NotFoundException | io.capstan.spi.client.ConflictException gone) {
          // already removed, or a new pod of the same name
        }
        return;
      }
      st = admit(pod);
      if (st == null) {
        return;
      }
    }
    sync.run(st, pod);
  }

  /** Admits a pod (or rejects it as the kubelet does when it does not fit) and starts its sandbox. */
  private PodState admit(Pod pod) {
    long cpu = PodRequests.cpuMillis(pod);
    long memory = PodRequests.memoryBytes(pod);
    String rejection = null;
    String reason = null;
    synchronized (this) {
      if (usedPods + 1 > maxPods) {
        reason = "OutOfpods";
        rejection = "pods, requested: 1, used: " + usedPods + ", capacity: " + maxPods;
      } else if (usedCpu + cpu > cpuMillis) {
        reason = "OutOfcpu";
        rejection = "cpu, requested: " + cpu + ", used: " + usedCpu + ", capacity: " + cpuMillis;
      } else if (usedMemory + memory > memoryBytes) {
        reason = "OutOfmemory";
        rejection = "memory, requested: " + memory + ", used: " + usedMemory + ", capacity: " + memoryBytes;
      } else {
        usedPods++;
        usedCpu += cpu;
        usedMemory += memory;
      }
    }
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    if (rejection != null) {
      LOG.info("pod {}/{} rejected by node {}: {}", ns, name, identity.name(), reason);
      reject(pod, reason, "Pod was rejected: Node didn't have enough resource: " + rejection);
      return null;
    }
    List<ContainerRecord> init = new ArrayList<>();
    PodRequests.list(pod.getSpec().getInitContainers()).forEach(c -> init.add(new ContainerRecord(c, true)));
    List<ContainerRecord> app = new ArrayList<>();
    PodRequests.list(pod.getSpec().getContainers()).forEach(c -> app.add(new ContainerRecord(c, false)));
    PodState st = new PodState(pod.getMetadata().getUid(), ns, name, init, app, cpu, memory);
    recover(st, pod);
    if (st.ip == null) {
      st.ip = ips.allocate().orElse(null);
    }
    try {
      Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
      Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
      st.sandboxId = runtime.runPodSandbox(new PodSandboxConfig(st.uid, ns, name, 0,
          pod.getSpec().getHostname() == null ? name : pod.getSpec().getHostname(), labels, annotations));
      // As with CRI, a runtime that decides the sandbox's address itself (the process runtime uses
      // the host's) wins over the node's pod CIDR.
      String runtimeIp = runtime.podSandboxStatus(st.sandboxId).map(s -> s.ip()).orElse("");
      if (!runtimeIp.isEmpty() && !runtimeIp.equals(st.ip)) {
        if (st.ip != null) {
          ips.release(st.ip);
        }
        st.ip = runtimeIp;
      }
    } catch (ContainerRuntimeException e) {
      st.failed = true;
      st.failReason = "SandboxCreationFailed";
      st.failMessage = e.getMessage();
    }
    if (st.ip == null && !st.failed) {
      st.failed = true;
      st.failReason = "NoPodIP";
      st.failMessage = "node " + identity.name() + " has no free address left in " + identity.podCidr();
    }
    states.put(st.key(), st);
    return st;
  }

  /** After a restart of the agent: keep the pod's IP, start time and restart counts. */
  private void recover(PodState st, Pod pod) {
    PodStatus status = pod.getStatus();
    if (status == null) {
      st.startTime = clock.now();
      return;
    }
    st.startTime = status.getStartTime() == null ? clock.now() : Instant.parse(status.getStartTime());
    if (status.getPodIP() != null && ips.reserve(status.getPodIP())) {
      st.ip = status.getPodIP();
    }
    List<io.fabric8.kubernetes.api.model.ContainerStatus> known = new ArrayList<>(PodRequests.list(status.getContainerStatuses()));
    known.addAll(PodRequests.list(status.getInitContainerStatuses()));
    for (io.fabric8.kubernetes.api.model.ContainerStatus cs : known) {
      for (ContainerRecord rec : st.containers) {
        if (rec.name().equals(cs.getName()) && cs.getRestartCount() != null) {
          rec.restartCount = cs.getRestartCount();
        }
      }
    }
    if (status.getConditions() != null) {
      for (PodCondition c : status.getConditions()) {
        if (c.getLastTransitionTime() != null && c.getStatus() != null) {
          st.transitions.put(c.getType(), new PodState.Transition("True".equals(c.getStatus()), c.getLastTransitionTime()));
        }
      }
    }
  }

  private void reject(Pod pod, String reason, String message) {
    PodStatus status = new PodStatus();
    status.setPhase("Failed");
    status.setReason(reason);
    status.setMessage(message);
    status.setHostIP(identity.internalIp());
    if (pod.getStatus() != null) {
      status.setConditions(pod.getStatus().getConditions());
      status.setQosClass(pod.getStatus().getQosClass());
    }
    try {
      client.resources(Pod.class).updateStatus(new PodBuilder(pod).withStatus(status).build());
    } catch (io.capstan.spi.client.ConflictException | io.capstan.spi.client.NotFoundException e) {
      // the next event brings the pod back
    }
  }

  /** Gives back a pod's share of the node (it finished, or it is gone). */
  synchronized void release(PodState st) {
    if (st.counted) {
      st.counted = false;
      usedPods--;
      usedCpu -= st.cpuMillis;
      usedMemory -= st.memoryBytes;
    }
  }

  /** Removes everything of a pod: probes, sandbox, IP, accounting. */
  void forget(PodState st) {
    for (ContainerRecord rec : st.initContainers) {
      if (rec.probes != null) {
        rec.probes.cancel();
      }
    }
    for (ContainerRecord rec : st.containers) {
      if (rec.probes != null) {
        rec.probes.cancel();
      }
    }
    if (st.sandboxId != null) {
      runtime.removePodSandbox(st.sandboxId);
    }
    if (st.ip != null) {
      ips.release(st.ip);
    }
    release(st);
    states.remove(st.key(), st);
  }

  /** Stops every pod's timers and the runtime; the API objects stay (the node may come back). */
  void stop() {
    for (PodState st : states.values()) {
      List<ContainerRecord> all = new ArrayList<>(st.initContainers);
      all.addAll(st.containers);
      all.stream().filter(r -> r.probes != null).forEach(r -> r.probes.cancel());
    }
    try {
      runtime.close();
    } catch (Exception e) {
      LOG.warn("node {}: runtime did not close cleanly: {}", identity.name(), e.toString());
    }
  }

  @Override
  public String toString() {
    return "NodeAgent[" + identity.name() + ", pods=" + states.size() + "]";
  }
}
