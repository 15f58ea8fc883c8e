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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduling cycle on the deterministic executor: node sampling, round-robin start, seeded tie-breaks. */
class SchedulingCycleTest {

  private static final String PROFILE = """
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
      - plugins:
          score:
            enabled:
            - name: LeastAllocatedCpu
      """;

  private record Run(List<String> placements, List<Integer> evaluated) {}

  private static Run run(long seed, int nodes, int pods) {
    VirtualClock clock = new VirtualClock(Instant.EPOCH);
    DeterministicExecutor executor = new DeterministicExecutor(clock, seed);
    Injector injector = Guice.createInjector(new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(clock);
        bind(TaskExecutor.class).toInstance(executor);
      }
    });
    SchedulerCache cache = new SchedulerCache(Duration.ofMinutes(15));
    Snapshot snapshot = new Snapshot();
    ProfileSpec spec = ConfigurationLoader.parse(PROFILE, "test").profiles().get(0);
    FrameworkHandleImpl handle = new FrameworkHandleImpl(spec.schedulerName(), clock, 16, () -> snapshot,
        (p, n) -> Status.success());
    Framework fw = new ProfileBuilder(TestPlugins.registry(), injector).build(spec, handle, 0, true);
    for (int i = 0; i < nodes; i++) {
      cache.addNode(TestObjects.node(String.format("n%03d", i)).build());
    }
    SchedulingCycle cycle = new SchedulingCycle(cache, snapshot, seed);
    List<String> placements = new ArrayList<>();
    List<Integer> evaluated = new ArrayList<>();
    for (int i = 0; i < pods; i++) {
      Pod pod = new PodBuilder(TestObjects.pod("p" + i).cpu("100m").build()).editMetadata().withUid("u" + i).endMetadata()
          .build();
      cycle.updateSnapshot();
      ExplainRecord record = new ExplainRecord();
      SchedulingCycle.Result r = cycle.schedule(fw, new CycleState(), pod, record);
      String node = r.node().orElseThrow();
      placements.add(node);
      evaluated.add(record.filterResults().size());
      cache.assumePod(PodInfos.of(pod), node);
    }
    executor.close();
    return new Run(placements, evaluated);
  }

  @Test
  void theAdaptivePercentageMatchesKubernetes() {
    assertThat(SchedulingCycle.numFeasibleNodesToFind(0, 50)).isEqualTo(50);
    assertThat(SchedulingCycle.numFeasibleNodesToFind(0, 1000)).isEqualTo(420);
    assertThat(SchedulingCycle.numFeasibleNodesToFind(0, 5000)).isEqualTo(500);
    assertThat(SchedulingCycle.numFeasibleNodesToFind(0, 6000)).isEqualTo(300);
    assertThat(SchedulingCycle.numFeasibleNodesToFind(0, 20000)).isEqualTo(1000);
    assertThat(SchedulingCycle.numFeasibleNodesToFind(1, 5000)).isEqualTo(100);
    assertThat(SchedulingCycle.numFeasibleNodesToFind(100, 5000)).isEqualTo(5000);
  }

  @Test
  void eachCycleFiltersOnlyItsWindowAndTheNextStartsWhereItStopped() {
    Run run = run(7, 300, 3);
    // 300 nodes: 50 - 300/125 = 48 % -> 144 feasible nodes per cycle; filtering runs in chunks of
    // sqrt(300) = 17 nodes, so the chunk that finds the 144th also filters up to 9 more
    assertThat(run.evaluated()).allSatisfy(n -> assertThat(n).isBetween(144, 160));
    assertThat(run.placements().get(0)).isLessThan("n144");
    assertThat(run.placements().get(1)).isGreaterThanOrEqualTo("n144").isLessThan("n288");
  }

  @Test
  void theSameSeedGivesTheSameDecisionsAndAnotherSeedOthers() {
    Run first = run(42, 200, 60);
    Run second = run(42, 200, 60);
    Run other = run(43, 200, 60);
    assertThat(second.placements()).isEqualTo(first.placements());
    assertThat(other.placements()).isNotEqualTo(first.placements());
  }
}
