package io.capstan.plugins.scheduler.schedulinggates;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulingGatesPluginTest extends AbstractSchedulerPluginConformanceTest {

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new SchedulingGatesFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("gated", TestSnapshot.builder().node(TestNodes.node("n").build()).build(),
        gated("a", "b")));
  }

  private static Pod gated(String... gates) {
    PodBuilder b = new PodBuilder(TestPods.pod("p").build());
    for (String g : gates) {
      b.editSpec().addNewSchedulingGate().withName(g).endSchedulingGate().endSpec();
    }
    return b.build();
  }

  @Test
  void gatedPodsWaitWithKubernetesMessage() {
    Status s = new SchedulingGates(null).preEnqueue(gated("example.com/quota", "example.com/review"));
    assertThat(s.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(s.reasons())
        .containsExactly("waiting for scheduling gates: [example.com/quota example.com/review]");
    assertThat(new SchedulingGates(null).preEnqueue(TestPods.pod("p").build()).isSuccess()).isTrue();
  }
}
