package io.capstan.tck.scheduler;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeInfoLister;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.Status;
import io.capstan.spi.scheduler.WaitingPod;
import io.capstan.tck.store.ManualClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link FrameworkHandle} for plugin tests: a settable snapshot, a {@link ManualClock}, recorded
 * binds, preemptions and cleared nominations, objects for {@link #listObjects} added with {@link
 * #addObject}, and the filter and PreFilter-extension runs delegated to a {@link TestScheduler}'s
 * profile (set when a scheduler is created over this handle).
 */
public final class TestFrameworkHandle implements FrameworkHandle {

  /** A bind the plugin asked for. */
  public record Binding(Pod pod, String nodeName) {}

  /** A victim evicted for a preemptor. */
  public record Preemption(Pod victim, Pod preemptor) {}

  private volatile NodeInfoLister snapshot;
  private final ManualClock clock = new ManualClock();
  private final List<Binding> bindings = new CopyOnWriteArrayList<>();
  private final List<Preemption> preemptions = new CopyOnWriteArrayList<>();
  private final List<Pod> clearedNominations = new CopyOnWriteArrayList<>();
  private final List<HasMetadata> objects = new CopyOnWriteArrayList<>();
  private final Map<String, List<PodInfo>> nominated = Collections.synchronizedMap(new HashMap<>());
  private final Map<String, Object> pluginArgs = new HashMap<>();
  private volatile TestScheduler scheduler;
  private volatile Status bindResult = Status.success();

  public TestFrameworkHandle(NodeInfoLister snapshot) {
    this.snapshot = requireNonNull(snapshot, "snapshot");
  }

  public TestFrameworkHandle snapshot(NodeInfoLister next) {
    this.snapshot = requireNonNull(next, "snapshot");
    return this;
  }

  public TestFrameworkHandle addObject(HasMetadata object) {
    objects.add(requireNonNull(object, "object"));
    return this;
  }

  public TestFrameworkHandle nominate(String nodeName, Pod pod) {
    nominated.computeIfAbsent(nodeName, n -> new ArrayList<>())
        .add(io.capstan.spi.scheduler.PodRequests.podInfo(pod));
    return this;
  }

  public TestFrameworkHandle pluginArgs(String pluginName, Object args) {
    pluginArgs.put(pluginName, args);
    return this;
  }

  /** What {@link #bind} answers from now on. */
  public TestFrameworkHandle bindResult(Status status) {
    this.bindResult = requireNonNull(status, "status");
    return this;
  }

  void scheduler(TestScheduler s) {
    this.scheduler = s;
  }

  public ManualClock manualClock() {
    return clock;
  }

  public List<Binding> bindings() {
    return List.copyOf(bindings);
  }

  public List<Preemption> preemptions() {
    return List.copyOf(preemptions);
  }

  public List<Pod> clearedNominations() {
    return List.copyOf(clearedNominations);
  }

  @Override
  public String profileName() {
    return "default-scheduler";
  }

  @Override
  public NodeInfoLister snapshot() {
    return snapshot;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public int parallelism() {
    return 16;
  }

  @Override
  public Status bind(Pod pod, String nodeName) {
    bindings.add(new Binding(pod, nodeName));
    return bindResult;
  }

  @Override
  public Optional<WaitingPod> waitingPod(String podUid) {
    return Optional.empty();
  }

  @Override
  public List<WaitingPod> waitingPods() {
    return List.of();
  }

  @Override
  public <A> Optional<A> pluginArgs(String pluginName, Class<A> type) {
    return Optional.ofNullable(pluginArgs.get(pluginName)).map(type::cast);
  }

  private TestScheduler requireScheduler() {
    if (scheduler == null) {
      throw new UnsupportedOperationException("create a TestScheduler over this handle first");
    }
    return scheduler;
  }

  @Override
  public Status runFilterPlugins(CycleState state, Pod pod, NodeInfo nodeInfo) {
    return requireScheduler().runFilters(state, pod, nodeInfo);
  }

  @Override
  public Status runPreFilterExtensionRemovePod(CycleState state, Pod podToSchedule,
      PodInfo podToRemove, NodeInfo nodeInfo) {
    return requireScheduler().runExtensions(state, podToSchedule, podToRemove, nodeInfo, false);
  }

  @Override
  public Status runPreFilterExtensionAddPod(CycleState state, Pod podToSchedule, PodInfo podToAdd,
      NodeInfo nodeInfo) {
    return requireScheduler().runExtensions(state, podToSchedule, podToAdd, nodeInfo, true);
  }

  @Override
  public <T extends HasMetadata> List<T> listObjects(Class<T> type, Optional<String> namespace) {
    return objects.stream().filter(type::isInstance).map(type::cast)
        .filter(o -> namespace.isEmpty() || namespace.get().equals(o.getMetadata().getNamespace()))
        .toList();
  }

  @Override
  public Status preemptPod(Pod victim, Pod preemptor) {
    preemptions.add(new Preemption(victim, preemptor));
    return Status.success();
  }

  @Override
  public List<PodInfo> nominatedPodsForNode(String nodeName) {
    return List.copyOf(nominated.getOrDefault(nodeName, List.of()));
  }

  @Override
  public Status clearNominatedNodeName(Pod pod) {
    clearedNominations.add(pod);
    return Status.success();
  }
}
