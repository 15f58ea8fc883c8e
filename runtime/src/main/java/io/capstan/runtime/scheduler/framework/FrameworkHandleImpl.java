package io.capstan.runtime.scheduler.framework;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeInfoLister;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.PreFilterExtensions;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.Status;
import io.capstan.spi.scheduler.WaitingPod;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The {@link FrameworkHandle} of one profile. It exists before the profile's plugins (they get it
 * injected), so the scheduler-wide parts (snapshot, binder) are suppliers set by the host.
 */
public final class FrameworkHandleImpl implements FrameworkHandle {

  private final String profileName;
  private final Clock clock;
  private final int parallelism;
  private final Supplier<NodeInfoLister> snapshot;
  private final BiFunction<Pod, String, Status> binder;
  private final Map<String, Object> pluginArgs = new ConcurrentHashMap<>();
  final Map<String, WaitingPodImpl> waitingPods = new ConcurrentHashMap<>();
  private volatile Framework framework;
  private volatile HostServices host = HostServices.NONE;

  public FrameworkHandleImpl(String profileName, Clock clock, int parallelism, Supplier<NodeInfoLister> snapshot,
      BiFunction<Pod, String, Status> binder) {
    this.profileName = requireNonNull(profileName, "profileName");
    this.clock = requireNonNull(clock, "clock");
    this.parallelism = parallelism;
    this.snapshot = requireNonNull(snapshot, "snapshot");
    this.binder = requireNonNull(binder, "binder");
  }

  /** Called by the profile's {@link Framework} when it is built. */
  void attach(Framework framework) {
    this.framework = requireNonNull(framework, "framework");
  }

  /** Called by the scheduler that runs this profile: its queue's nominator, informers and client. */
  public void attachHost(HostServices host) {
    this.host = requireNonNull(host, "host");
  }

  /** Records the arguments a plugin of this profile was built with. */
  public void putPluginArgs(String pluginName, Object args) {
    pluginArgs.put(pluginName, args);
  }

  @Override
  public String profileName() {
    return profileName;
  }

  @Override
  public NodeInfoLister snapshot() {
    return snapshot.get();
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public Status bind(Pod pod, String nodeName) {
    return binder.apply(pod, nodeName);
  }

  @Override
  public Optional<WaitingPod> waitingPod(String podUid) {
    return Optional.ofNullable(waitingPods.get(podUid));
  }

  @Override
  public List<WaitingPod> waitingPods() {
    return List.copyOf(waitingPods.values());
  }

  @Override
  public <A> Optional<A> pluginArgs(String pluginName, Class<A> type) {
    return Optional.ofNullable(pluginArgs.get(pluginName)).map(type::cast);
  }

  // ---- capabilities of the default plugins ------------------------------------------------------

  private Framework framework() {
    Framework f = framework;
    if (f == null) {
      throw new IllegalStateException("profile " + profileName + " has no framework yet");
    }
    return f;
  }

  @Override
  public Status runFilterPlugins(CycleState state, Pod pod, NodeInfo nodeInfo) {
    return runFiltersWithNominatedPods(state, pod, nodeInfo, null);
  }

  /**
   * Kubernetes' {@code RunFilterPluginsWithNominatedPods}: when pods of at least the pod's priority
   * are nominated to the node, the filters must pass both with them added (on a copy of the state,
   * through the PreFilter extensions) and without them; otherwise the filters run once.
   *
   * @param verdicts as {@link Framework#runFilters}; with nominated pods the last run's verdicts win
   */
  public Status runFiltersWithNominatedPods(CycleState state, Pod pod, NodeInfo node, Map<String, String> verdicts) {
    Framework fw = framework();
    HostServices h = host;
    if (h.noNominations()) {
      return fw.runFilters(state, pod, node, verdicts);
    }
    List<PodInfo> nominated = h.nominatedPodsForNode(node.nodeName());
    if (nominated.isEmpty()) {
      return fw.runFilters(state, pod, node, verdicts);
    }
    int priority = priority(pod);
    String uid = pod.getMetadata().getUid();
    CycleState withState = null;
    NodeInfo withNode = node;
    for (PodInfo p : nominated) {
      if (priority(p.pod()) >= priority && !p.uid().equals(uid)) {
        if (withState == null) {
          withState = state.copy();
        }
        withNode = new NodeInfoWithPods(withNode, List.of(p));
        Status s = runPreFilterExtensionAddPod(withState, pod, p, withNode);
        if (!s.isSuccess()) {
          return s;
        }
      }
    }
    if (withState != null) {
      Status s = fw.runFilters(withState, pod, withNode, verdicts);
      if (!s.isSuccess()) {
        return s;
      }
    }
    return fw.runFilters(state, pod, node, verdicts);
  }

  static int priority(Pod pod) {
    Integer p = pod.getSpec() == null ? null : pod.getSpec().getPriority();
    return p == null ? 0 : p;
  }

  @Override
  public Status runPreFilterExtensionRemovePod(CycleState state, Pod podToSchedule, PodInfo podToRemove,
      NodeInfo nodeInfo) {
    return runExtensions(state, "RemovePod", ext -> ext.removePod(state, podToSchedule, podToRemove, nodeInfo));
  }

  @Override
  public Status runPreFilterExtensionAddPod(CycleState state, Pod podToSchedule, PodInfo podToAdd, NodeInfo nodeInfo) {
    return runExtensions(state, "AddPod", ext -> ext.addPod(state, podToSchedule, podToAdd, nodeInfo));
  }

  private Status runExtensions(CycleState state, String what,
      java.util.function.Function<PreFilterExtensions, Status> call) {
    for (PreFilterPlugin p : framework().preFilterPlugins()) {
      if (state.skipFilterPlugins().contains(p.name())) {
        continue;
      }
      Optional<PreFilterExtensions> ext = p.preFilterExtensions();
      if (ext.isEmpty()) {
        continue;
      }
      Status s;
      try {
        s = requireNonNull(call.apply(ext.get()), "status");
      } catch (RuntimeException e) {
        s = Status.error(e);
      }
      if (!s.isSuccess()) {
        return Status.error("running " + what + " on PreFilter plugin \"" + p.name() + "\": " + s.message())
            .withPlugin(p.name());
      }
    }
    return Status.success();
  }

  @Override
  public <T extends HasMetadata> List<T> listObjects(Class<T> type, Optional<String> namespace) {
    return host.listObjects(type, namespace);
  }

  @Override
  public Status preemptPod(Pod victim, Pod preemptor) {
    WaitingPodImpl waiting = waitingPods.get(victim.getMetadata().getUid());
    if (waiting != null) {
      waiting.reject("DefaultPreemption", "preempted");
      return Status.success();
    }
    return host.evict(profileName, victim, preemptor);
  }

  @Override
  public List<PodInfo> nominatedPodsForNode(String nodeName) {
    return new ArrayList<>(host.nominatedPodsForNode(nodeName));
  }

  @Override
  public Status clearNominatedNodeName(Pod pod) {
    return host.clearNominatedNodeName(pod);
  }
}
