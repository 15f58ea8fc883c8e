package io.capstan.runtime.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.runtime.scheduler.cache.PodInfos;
import io.capstan.runtime.scheduler.cache.SchedulerCache;
import io.capstan.runtime.scheduler.cache.Snapshot;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.PreFilterExtensions;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.fixtures.TestObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handle's capabilities the default plugins use: filters with nominated pods (Kubernetes'
 * RunFilterPluginsWithNominatedPods), skipped plugins, PreFilter AddPod/RemovePod, preemption of a
 * pod waiting at Permit.
 */
class FrameworkHandleCapabilitiesTest {

  /** A fit filter on CPU: its PreFilter records the request, AddPod/RemovePod are journaled. */
  static final class CpuFit implements PreFilterPlugin, FilterPlugin, PreFilterExtensions {
    final List<String> journal = new ArrayList<>();

    @Override
    public String name() {
      return "CpuFit";
    }

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
      return PreFilterResult.allNodes();
    }

    @Override
    public Optional<PreFilterExtensions> preFilterExtensions() {
      return Optional.of(this);
    }

    @Override
    public synchronized Status addPod(CycleState state, Pod podToSchedule, PodInfo podToAdd, NodeInfo nodeInfo) {
      journal.add("add " + podToAdd.pod().getMetadata().getName() + " pods=" + nodeInfo.pods().size());
      return podToAdd.pod().getMetadata().getName().equals("broken") ? Status.error("cannot") : Status.success();
    }

    @Override
    public synchronized Status removePod(CycleState state, Pod podToSchedule, PodInfo podToRemove, NodeInfo nodeInfo) {
      journal.add("remove " + podToRemove.pod().getMetadata().getName());
      return Status.success();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
      long free = node.allocatable().milliCpu() - node.requested().milliCpu();
      return PodInfos.of(pod).requests().milliCpu() > free ? Status.unschedulable("Insufficient cpu") : Status.success();
    }
  }

  /** Nominations the test sets. */
  static final class Nominations implements HostServices {
    final List<PodInfo> pods = new ArrayList<>();

    @Override
    public List<PodInfo> nominatedPodsForNode(String nodeName) {
      return List.copyOf(pods);
    }

    @Override
    public boolean noNominations() {
      return pods.isEmpty();
    }
  }

  final VirtualClock clock = new VirtualClock(Instant.EPOCH);
  final DeterministicExecutor executor = new DeterministicExecutor(clock, 1);
  final CpuFit fit = new CpuFit();
  final Nominations nominations = new Nominations();
  FrameworkHandleImpl handle;
  NodeInfo node;

  @AfterEach
  void close() {
    executor.close();
  }

  private static Pod pod(String name, String cpu, int priority) {
    return new PodBuilder(TestObjects.pod(name).cpu(cpu).build()).editMetadata().withUid("uid-" + name).endMetadata()
        .editSpec().withPriority(priority).endSpec().build();
  }

  private void setUp() {
    Snapshot snapshot = new Snapshot();
    handle = new FrameworkHandleImpl("default-scheduler", clock, 4, () -> snapshot, (p, n) -> Status.success());
    Map<ExtensionPoint, List<SchedulerPlugin>> plugins = Map.of(ExtensionPoint.PRE_FILTER, List.of(fit),
        ExtensionPoint.FILTER, List.of(fit));
    new Framework("default-scheduler", plugins, Map.of(), List.of(), handle, clock, executor, OptionalInt.empty(), false);
    handle.attachHost(nominations);
    SchedulerCache cache = new SchedulerCache(Duration.ofMinutes(15));
    cache.addNode(TestObjects.node("n1").cpu("2").build());
    cache.assumePod(PodInfos.of(pod("running", "1", 0)), "n1");
    cache.updateSnapshot(snapshot);
    node = snapshot.get("n1").orElseThrow();
  }

  @Test
  void nominatedPodsOfAtLeastThePodsPriorityCountAsRunningThere() {
    setUp();
    Pod incoming = pod("incoming", "600m", 10);
    assertThat(handle.runFilterPlugins(new CycleState(), incoming, node).isSuccess()).isTrue();

    nominations.pods.add(PodInfos.of(pod("lower", "600m", 5)));
    assertThat(handle.runFilterPlugins(new CycleState(), incoming, node).isSuccess()).as("lower priority ignored").isTrue();

    nominations.pods.add(PodInfos.of(pod("equal", "600m", 10)));
    Status s = handle.runFilterPlugins(new CycleState(), incoming, node);
    assertThat(s.isRejected()).isTrue();
    assertThat(s.plugin()).contains("CpuFit");
    assertThat(s.message()).isEqualTo("Insufficient cpu");
    assertThat(fit.journal).containsExactly("add equal pods=2");
    assertThat(node.pods()).hasSize(1);
  }

  @Test
  void thePodItselfIsNotCountedAndSkippedPluginsDoNotRun() {
    setUp();
    Pod incoming = pod("incoming", "1500m", 10);
    nominations.pods.add(PodInfos.of(incoming));
    assertThat(handle.runFilterPlugins(new CycleState(), incoming, node).message()).isEqualTo("Insufficient cpu");
    assertThat(fit.journal).isEmpty();

    CycleState skipping = new CycleState();
    skipping.skipFilterPlugins().add("CpuFit");
    assertThat(handle.runFilterPlugins(skipping, incoming, node).isSuccess()).isTrue();
    assertThat(handle.runPreFilterExtensionRemovePod(skipping, incoming, PodInfos.of(incoming), node).isSuccess()).isTrue();
    assertThat(fit.journal).isEmpty();
  }

  @Test
  void preFilterExtensionsRunInOrderAndAFailureIsAnErrorNamingThePlugin() {
    setUp();
    Pod incoming = pod("incoming", "100m", 10);
    PodInfo other = PodInfos.of(pod("other", "100m", 0));
    assertThat(handle.runPreFilterExtensionRemovePod(new CycleState(), incoming, other, node).isSuccess()).isTrue();
    assertThat(handle.runPreFilterExtensionAddPod(new CycleState(), incoming, other, node).isSuccess()).isTrue();
    Status failed = handle.runPreFilterExtensionAddPod(new CycleState(), incoming, PodInfos.of(pod("broken", "1", 0)),
        node);
    assertThat(failed.isError()).isTrue();
    assertThat(failed.message()).isEqualTo("running AddPod on PreFilter plugin \"CpuFit\": cannot");
    assertThat(fit.journal).containsExactly("remove other", "add other pods=1", "add broken pods=1");
  }

  @Test
  void preemptingAPodWaitingAtPermitRejectsIt() {
    setUp();
    Pod victim = pod("victim", "1", 0);
    WaitingPodImpl waiting = new WaitingPodImpl(victim, "n1");
    handle.waitingPods.put("uid-victim", waiting);
    assertThat(handle.preemptPod(victim, pod("vip", "1", 100)).isSuccess()).isTrue();
    assertThat(waiting.result()).isCompleted();
    assertThat(waiting.result().join().isRejected()).isTrue();
    assertThat(waiting.result().join().message()).isEqualTo("preempted");
    // without a scheduler host, evicting a pod that is not waiting is an error, not a silent success
    assertThat(handle.preemptPod(pod("running", "1", 0), pod("vip", "1", 100)).isError()).isTrue();
  }
}
