package io.capstan.examples.scheduler.labelpacking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.plugin.InvalidConfigException;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPlugins;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestScheduler;
import io.capstan.tck.scheduler.TestSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelPackingPluginTest extends AbstractSchedulerPluginConformanceTest {

  static final TestSnapshot CLUSTER = TestSnapshot.builder()
      .node(TestNodes.node("batch-busy").cpu("4").label("pool", "batch").build(),
          TestPods.pod("a").cpu("2").build())
      .node(TestNodes.node("batch-idle").cpu("4").label("pool", "batch").build())
      .node(TestNodes.node("web").cpu("4").label("pool", "web").build())
      .build();

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new LabelPackingFactory();
  }

  @Override
  protected Map<String, ?> args() {
    return Map.of("labelKey", "pool", "labelValue", "batch");
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("pools", CLUSTER, TestPods.pod("p").cpu("1").build()));
  }

  @Test
  void poolNodesWinAndFullerOnesWinMore() {
    TestFrameworkHandle handle = new TestFrameworkHandle(CLUSTER);
    var r = TestScheduler.over(handle).plugin(newPlugin(handle)).schedule(TestPods.pod("p").cpu("1").build());
    // batch-busy: 50 + 50 * (2000 + 1000) / 4000 = 50 + 37 = 87; batch-idle: 50 + 50*1000/4000 = 62
    // web is outside the pool: 0
    assertThat(r.normalizedScores().get("LabelPacking")).containsExactly(
        Map.entry("batch-busy", 87L), Map.entry("batch-idle", 62L), Map.entry("web", 0L));
    assertThat(r.selectedNode()).contains("batch-busy");
  }

  @Test
  void podsWithoutRequestsCountWithKubernetesDefaultsAndAnyValueMatchesWhenEmpty() {
    TestFrameworkHandle handle = new TestFrameworkHandle(CLUSTER);
    var anyPool = TestPlugins.create(new LabelPackingFactory(), Map.of("labelKey", "pool"), handle);
    var r = TestScheduler.over(handle).plugin(anyPool).schedule(TestPods.pod("p").build());
    // 100m default: batch-busy 50 + 50*2100/4000 = 76; batch-idle 50 + 50*100/4000 = 51; web 51
    assertThat(r.normalizedScores().get("LabelPacking").values()).containsExactly(76L, 51L, 51L);
  }

  @Test
  void aMissingLabelKeyIsAConfigurationErrorThatSaysWhatToWrite() {
    assertThatThrownBy(() -> new LabelPackingArgs(null, null, null))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("labelKey: pool");
  }
}
