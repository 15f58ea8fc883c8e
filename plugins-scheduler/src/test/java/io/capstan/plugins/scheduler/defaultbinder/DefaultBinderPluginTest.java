package io.capstan.plugins.scheduler.defaultbinder;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPlugins;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultBinderPluginTest extends AbstractSchedulerPluginConformanceTest {

  private static final TestSnapshot CLUSTER = TestSnapshot.builder().node(TestNodes.node("n1").build()).build();

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new DefaultBinderFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("bind", CLUSTER, TestPods.pod("p").build()));
  }

  @Test
  void bindsThroughTheHandleAndPassesItsAnswerOn() {
    TestFrameworkHandle handle = new TestFrameworkHandle(CLUSTER);
    var binder = (DefaultBinder) TestPlugins.create(new DefaultBinderFactory(), Map.of(), handle);
    var pod = TestPods.pod("p").build();
    assertThat(binder.bind(new CycleState(), pod, "n1").isSuccess()).isTrue();
    assertThat(handle.bindings()).containsExactly(new TestFrameworkHandle.Binding(pod, "n1"));
    handle.bindResult(Status.error("pods \"p\" is already bound"));
    assertThat(binder.bind(new CycleState(), pod, "n1").message()).contains("already bound");
  }
}
