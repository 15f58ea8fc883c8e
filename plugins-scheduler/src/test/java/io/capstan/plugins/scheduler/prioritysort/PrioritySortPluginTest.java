package io.capstan.plugins.scheduler.prioritysort;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.scheduler.PodRequests;
import io.capstan.spi.scheduler.QueuedPodInfo;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrioritySortPluginTest extends AbstractSchedulerPluginConformanceTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new PrioritySortFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    TestSnapshot cluster = TestSnapshot.builder().node(TestNodes.node("n").build()).build();
    return List.of(new Scenario("high", cluster, TestPods.pod("a").priority(100).build()),
        new Scenario("none", cluster, TestPods.pod("b").build()),
        new Scenario("low", cluster, TestPods.pod("c").priority(-5).build()));
  }

  private static QueuedPodInfo queued(String name, Integer priority, int second) {
    TestPods p = TestPods.pod(name);
    if (priority != null) {
      p.priority(priority);
    }
    return new QueuedPodInfo(PodRequests.podInfo(p.build()), T0.plusSeconds(second), 0, T0, Set.of());
  }

  @Test
  void higherPriorityFirstThenEarlierArrival() {
    List<QueuedPodInfo> q = new ArrayList<>(List.of(queued("late-default", null, 9),
        queued("low", -5, 0), queued("early-default", null, 1), queued("high", 1000, 5),
        queued("mid", 10, 2)));
    q.sort(new PrioritySort(null).comparator());
    assertThat(q).extracting(x -> x.pod().getMetadata().getName())
        .containsExactly("high", "mid", "early-default", "late-default", "low");
  }
}
