package io.capstan.plugins.scheduler.nodeunschedulable;

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

class NodeUnschedulablePluginTest extends AbstractSchedulerPluginConformanceTest {

  private static final TestSnapshot CLUSTER = TestSnapshot.builder()
      .node(TestNodes.node("cordoned").unschedulable().build()).node(TestNodes.node("open").build())
      .build();

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new NodeUnschedulableFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("cordoned", CLUSTER, TestPods.pod("p").build()));
  }

  @Test
  void cordonedNodesAreRejectedUnlessThePodToleratesTheUnschedulableTaint() {
    var r = TestScheduler.over(new TestFrameworkHandle(CLUSTER)).plugin(new NodeUnschedulable(null))
        .schedule(TestPods.pod("p").build());
    assertThat(r.feasibleNodes()).containsExactly("open");
    Status s = r.filterStatuses().get("cordoned");
    assertThat(s.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(s.reasons()).containsExactly("node(s) were unschedulable");
    var tolerant = TestScheduler.over(new TestFrameworkHandle(CLUSTER)).plugin(new NodeUnschedulable(null))
        .schedule(TestPods.pod("ds").toleration("node.kubernetes.io/unschedulable", "Exists", null,
            "NoSchedule").build());
    assertThat(tolerant.feasibleNodes()).containsExactly("cordoned", "open");
  }
}
