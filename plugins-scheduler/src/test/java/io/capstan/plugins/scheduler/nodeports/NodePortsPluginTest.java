package io.capstan.plugins.scheduler.nodeports;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NodePorts: (protocol, port) conflicts, 0.0.0.0 conflicting with every address. */
class NodePortsPluginTest extends AbstractSchedulerPluginConformanceTest {

  private static final TestSnapshot CLUSTER = TestSnapshot.builder()
      .node(TestNodes.node("wild").build(), TestPods.pod("e1").hostPort(8080, "TCP", null).build())
      .node(TestNodes.node("local").build(), TestPods.pod("e2").hostPort(9090, "TCP", "127.0.0.1").build())
      .build();

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new NodePortsFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("8080", CLUSTER, TestPods.pod("p").hostPort(8080, "TCP", "10.0.0.1").build()),
        new Scenario("9090", CLUSTER, TestPods.pod("p").hostPort(9090, "TCP", null).build()));
  }

  private static Status filter(Pod pod, String node) {
    NodePorts plugin = new NodePorts(null);
    CycleState state = new CycleState();
    plugin.preFilter(state, pod, CLUSTER.list());
    return plugin.filter(state, pod, CLUSTER.get(node).orElseThrow());
  }

  @Test
  void conflictsFollowProtocolPortAndAddress() {
    Status s = filter(TestPods.pod("p").hostPort(8080, "TCP", "10.0.0.1").build(), "wild");
    assertThat(s.code()).isEqualTo(Status.Code.UNSCHEDULABLE);
    assertThat(s.reasons()).containsExactly(NodePorts.REASON);
    assertThat(filter(TestPods.pod("p").hostPort(8080, "UDP", null).build(), "wild").isSuccess()).isTrue();
    assertThat(filter(TestPods.pod("p").hostPort(8081, "TCP", null).build(), "wild").isSuccess()).isTrue();
    assertThat(filter(TestPods.pod("p").hostPort(9090, "TCP", "10.0.0.1").build(), "local").isSuccess()).isTrue();
    assertThat(filter(TestPods.pod("p").hostPort(9090, "TCP", "127.0.0.1").build(), "local").isSuccess()).isFalse();
    assertThat(filter(TestPods.pod("p").hostPort(9090, null, null).build(), "local").isSuccess()).isFalse();
  }

  @Test
  void podsWithoutHostPortsSkipTheFilter() {
    assertThat(new NodePorts(null).preFilter(new CycleState(), TestPods.pod("p").build(), CLUSTER.list())
        .status().isSkip()).isTrue();
  }
}
