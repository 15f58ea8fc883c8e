package io.capstan.plugins.scheduler.nodename;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestScheduler;
import io.capstan.tck.scheduler.TestSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeNamePluginTest extends AbstractSchedulerPluginConformanceTest {

  private static final TestSnapshot CLUSTER = TestSnapshot.builder()
      .node(TestNodes.node("n1").build()).node(TestNodes.node("n2").build()).build();

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new NodeNameFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("named", CLUSTER, TestPods.pod("p").node("n2").build()),
        new Scenario("unnamed", CLUSTER, TestPods.pod("p").build()));
  }

  @Test
  void onlyTheNamedNodeFits() {
    var r = TestScheduler.over(new TestFrameworkHandle(CLUSTER)).plugin(new NodeName(null))
        .schedule(TestPods.pod("p").node("n2").build());
    assertThat(r.feasibleNodes()).containsExactly("n2");
    assertThat(r.filterStatuses().get("n1").code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(r.filterStatuses().get("n1").reasons()).containsExactly(NodeName.REASON);
    var any = TestScheduler.over(new TestFrameworkHandle(CLUSTER)).plugin(new NodeName(null))
        .schedule(TestPods.pod("p").build());
    assertThat(any.feasibleNodes()).containsExactly("n1", "n2");
  }
}
