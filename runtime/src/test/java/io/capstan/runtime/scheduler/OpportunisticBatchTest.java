package io.capstan.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.runtime.scheduler.cache.PodInfos;
import io.capstan.runtime.scheduler.cache.SchedulerCache;
import io.capstan.runtime.scheduler.cache.Snapshot;
import io.capstan.runtime.scheduler.explain.ExplainRecord;
import io.capstan.runtime.scheduler.framework.Framework;
import io.capstan.runtime.scheduler.framework.FrameworkHandleImpl;
import io.capstan.runtime.scheduler.profile.ConfigurationLoader;
import io.capstan.runtime.scheduler.profile.ProfileBuilder;
import io.capstan.runtime.scheduler.profile.ProfileSpec;
import io.capstan.runtime.scheduler.testplugins.TestPlugins;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.fixtures.TestObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Opportunistic batching (KEP-5598 with rescoring): every pod placed from a batch goes to a node
 * that a full cycle over the same cluster ranks first, although other pods land on nodes between
 * picks; anything the batch cannot keep exact — a Node object changing, another kind of pod, a
 * plugin that does not sign, an old batch — gives a full cycle.
 */
class OpportunisticBatchTest {

  /**
   * The test plugins' fit filter and two signing score plugins, one of them normalizing over all
   * nodes (LabelCount: score × 100 / max); the unsigned TaintToleration stand-in is switched off.
   */
  private static final String SIGNING = """
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
      - plugins:
          filter:
            disabled:
            - name: TaintToleration
          score:
            enabled:
            - name: LeastAllocatedCpu
            - name: LabelCount
      """;

  private static final String WITH_UNSIGNED_FILTER = """
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
      - plugins:
          filter:
            enabled:
            - name: TaintToleration
          score:
            enabled:
            - name: LeastAllocatedCpu
      """;

  private final VirtualClock clock = new VirtualClock(Instant.EPOCH);
  private final DeterministicExecutor executor = new DeterministicExecutor(clock, 1);
  private final SchedulerCache cache = new SchedulerCache(Duration.ofMinutes(15));
  /** The same cluster for the full cycles that check the batch's picks (a cache feeds one snapshot). */
  private final SchedulerCache mirror = new SchedulerCache(Duration.ofMinutes(15));
  private final Snapshot batchView = new Snapshot();
  private final Snapshot fullView = new Snapshot();

  @AfterEach
  void close() {
    executor.close();
  }

  private Framework framework(String yaml, Snapshot view) {
    Injector injector = Guice.createInjector(new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(clock);
        bind(TaskExecutor.class).toInstance(executor);
      }
    });
    ProfileSpec spec = ConfigurationLoader.parse(yaml, "test").profiles().get(0);
    FrameworkHandleImpl handle = new FrameworkHandleImpl(spec.schedulerName(), clock, 16, () -> view,
        (p, n) -> Status.success());
    return new ProfileBuilder(TestPlugins.registry(), injector).build(spec, handle, 0, true);
  }

  private void addNodes(int count) {
    for (int i = 0; i < count; i++) {
      addNode(TestObjects.node(String.format("n%03d", i)).cpu("2").label("test/rank", String.valueOf(1 + i % 7))
          .build());
    }
  }

  private void addNode(io.fabric8.kubernetes.api.model.Node node) {
    cache.addNode(node);
    mirror.addNode(node);
  }

  private void place(Pod pod, String node) {
    cache.assumePod(PodInfos.of(pod), node);
    mirror.assumePod(PodInfos.of(pod), node);
  }

  private static Pod pod(String name, String cpu) {
    return new PodBuilder(TestObjects.pod(name).cpu(cpu).build()).editMetadata().withUid(name).endMetadata().build();
  }

  /** The nodes a full cycle over the current cluster ranks first (all nodes are scored below 100 nodes). */
  private Set<String> bestByFullCycle(Framework full, Pod pod) {
    new SchedulingCycle(mirror, fullView, 0).updateSnapshot();
    ExplainRecord record = new ExplainRecord();
    new SchedulingCycle(mirror, fullView, 0).schedule(full, new CycleState(), pod, record);
    Map<String, Long> totals = record.finalScoreResults().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> e.getValue().values().stream().mapToLong(Long::longValue).sum()));
    long max = totals.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    return totals.entrySet().stream().filter(e -> e.getValue() == max).map(Map.Entry::getKey).collect(Collectors.toSet());
  }

  @Test
  void everyBatchedPickIsANodeAFullCycleRanksFirstWhileOtherPodsLandBetweenPicks() {
    addNodes(60);
    Framework batching = framework(SIGNING, batchView);
    Framework full = framework(SIGNING, fullView);
    SchedulingCycle cycle = new SchedulingCycle(cache, batchView, 3, Optional.of(clock));
    Random foreign = new Random(5);
    for (int i = 0; i < 200; i++) {
      if (i % 10 == 9) { // another scheduler's pod lands on some node: the batch must rescore that node
        Pod other = new PodBuilder(pod("other-" + i, "300m")).editSpec().withNodeName(String.format("n%03d",
            foreign.nextInt(60))).endSpec().build();
        cache.addPod(other);
        mirror.addPod(other);
      }
      Pod pod = pod("p" + i, "100m");
      Set<String> best = bestByFullCycle(full, pod);
      cycle.updateSnapshot();
      SchedulingCycle.Result result = cycle.schedule(batching, new CycleState(), pod, null);
      assertThat(result.node()).as("pod %d: %s", i, result).isPresent();
      String node = result.node().get();
      assertThat(best).as("pod %d", i).contains(node);
      place(pod, node);
    }
    assertThat(cycle.batchedPods()).as("all but the first pod come from the batch").isEqualTo(199);
  }

  @Test
  void aNodeObjectChangeEndsTheBatchAndThePodGetsAFullCycle() {
    addNodes(30);
    Framework batching = framework(SIGNING, batchView);
    Framework full = framework(SIGNING, fullView);
    SchedulingCycle cycle = new SchedulingCycle(cache, batchView, 3, Optional.of(clock));
    for (int i = 0; i < 20; i++) {
      if (i == 10) { // the highest rank moves: LabelCount's normalization changes for every node
        addNode(TestObjects.node("n005").cpu("2").label("test/rank", "50").build());
      }
      Pod pod = pod("p" + i, "100m");
      Set<String> best = bestByFullCycle(full, pod);
      cycle.updateSnapshot();
      String node = cycle.schedule(batching, new CycleState(), pod, null).node().orElseThrow();
      assertThat(best).as("pod %d", i).contains(node);
      place(pod, node);
    }
    assertThat(cycle.batchedPods()).isEqualTo(18); // full cycles for pods 0 and 10
  }

  @Test
  void podsThatDifferOrComeLateOrMeetAnUnsignedPluginGetFullCycles() {
    addNodes(30);
    Framework batching = framework(SIGNING, batchView);
    SchedulingCycle cycle = new SchedulingCycle(cache, batchView, 3, Optional.of(clock));
    for (int i = 0; i < 10; i++) { // alternating requests: no two consecutive pods sign alike
      Pod pod = pod("alt" + i, i % 2 == 0 ? "100m" : "200m");
      cycle.updateSnapshot();
      cache.assumePod(PodInfos.of(pod), cycle.schedule(batching, new CycleState(), pod, null).node().orElseThrow());
    }
    assertThat(cycle.batchedPods()).isZero();
    for (int i = 0; i < 5; i++) { // identical pods, but each arrives after the batch's 500 ms
      executor.advance(OpportunisticBatch.MAX_AGE.plusMillis(1));
      Pod pod = pod("late" + i, "100m");
      cycle.updateSnapshot();
      cache.assumePod(PodInfos.of(pod), cycle.schedule(batching, new CycleState(), pod, null).node().orElseThrow());
    }
    assertThat(cycle.batchedPods()).isZero();
    Framework unsigned = framework(WITH_UNSIGNED_FILTER, batchView);
    for (int i = 0; i < 5; i++) {
      Pod pod = pod("u" + i, "100m");
      cycle.updateSnapshot();
      cache.assumePod(PodInfos.of(pod), cycle.schedule(unsigned, new CycleState(), pod, null).node().orElseThrow());
    }
    assertThat(cycle.batchedPods()).isZero();
    assertThat(unsigned.signPod(pod("x", "100m"))).isEmpty();
    assertThat(batching.signPod(pod("x", "100m"))).isEqualTo(batching.signPod(pod("y", "100m")))
        .isNotEqualTo(batching.signPod(pod("z", "200m")));
  }

  @Test
  void explainingAndBatchingOffAlwaysRunFullCycles() {
    addNodes(30);
    Framework batching = framework(SIGNING, batchView);
    SchedulingCycle explained = new SchedulingCycle(cache, batchView, 3, Optional.of(clock));
    SchedulingCycle off = new SchedulingCycle(cache, batchView, 3);
    for (int i = 0; i < 6; i++) {
      Pod pod = pod("e" + i, "100m");
      explained.updateSnapshot();
      ExplainRecord record = new ExplainRecord();
      cache.assumePod(PodInfos.of(pod), explained.schedule(batching, new CycleState(), pod, record).node().orElseThrow());
      assertThat(record.filterResults()).hasSize(30);
      Pod other = pod("o" + i, "100m");
      off.updateSnapshot();
      cache.assumePod(PodInfos.of(other), off.schedule(batching, new CycleState(), other, null).node().orElseThrow());
    }
    assertThat(explained.batchedPods()).isZero();
    assertThat(off.batchedPods()).isZero();
  }
}
