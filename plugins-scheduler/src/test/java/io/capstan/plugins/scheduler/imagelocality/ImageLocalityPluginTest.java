package io.capstan.plugins.scheduler.imagelocality;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.tck.scheduler.AbstractSchedulerPluginConformanceTest;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodes;
import io.capstan.tck.scheduler.TestPods;
import io.capstan.tck.scheduler.TestScheduler;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ImageLocality: spread-scaled image sizes, clamped to [23 MiB, 1000 MiB x containers]. */
class ImageLocalityPluginTest extends AbstractSchedulerPluginConformanceTest {

  private static final long MIB = 1024 * 1024;

  private static final TestSnapshot CLUSTER = TestSnapshot.builder()
      .node(TestNodes.node("n1").image(400 * MIB, "nginx:1.25").build())
      .node(TestNodes.node("n2").image(400 * MIB, "nginx:1.25").image(100 * MIB, "redis:latest").build())
      .node(TestNodes.node("n3").build())
      .build();

  private static final Pod POD = TestPods.pod("p").image("nginx:1.25").container("cache", "redis").build();

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new ImageLocalityFactory();
  }

  @Override
  protected List<Scenario> scenarios() {
    return List.of(new Scenario("images", CLUSTER, POD));
  }

  @Test
  void imageSizesAreScaledBySpreadAndThresholds() {
    var r = TestScheduler.over(new TestFrameworkHandle(CLUSTER)).plugin(new ImageLocality(null,
        new TestFrameworkHandle(CLUSTER))).schedule(POD);
    // 2 containers: max = 2000 MiB = 2097152000, min = 23 MiB = 24117248
    // n1: nginx on 2 of 3 nodes: (long) (419430400 * 2/3) = 279620266;
    //     100 * (279620266 - 24117248) / (2097152000 - 24117248) = 12 (12.33)
    // n2: + redis ("redis" normalized to redis:latest) on 1 of 3: (long) (104857600/3) = 34952533
    //     sum 314572799 -> 100 * 290455551 / 2073034752 = 14 (14.01)
    // n3: nothing, clamped to min -> 0
    assertThat(r.normalizedScores().get("ImageLocality"))
        .containsExactly(Map.entry("n1", 12L), Map.entry("n2", 14L), Map.entry("n3", 0L));
  }

  @Test
  void oneContainerWithAHugeImageEverywhereScoresTheMaximum() {
    TestSnapshot big = TestSnapshot.builder()
        .node(TestNodes.node("a").image(2000 * MIB, "ml:v1").build())
        .node(TestNodes.node("b").image(2000 * MIB, "ml:v1").build()).build();
    Pod pod = TestPods.pod("p").image("ml:v1").build();
    var r = TestScheduler.over(new TestFrameworkHandle(big))
        .plugin(new ImageLocality(null, new TestFrameworkHandle(big))).schedule(pod);
    // 2000 MiB * 2/2 clamped to 1000 MiB x 1 container -> 100
    assertThat(r.normalizedScores().get("ImageLocality").values()).containsOnly(100L);
  }

  @Test
  void namesWithoutATagGetLatest() {
    assertThat(ImageLocality.normalizedImageName("redis")).isEqualTo("redis:latest");
    assertThat(ImageLocality.normalizedImageName("localhost:5000/app")).isEqualTo("localhost:5000/app:latest");
    assertThat(ImageLocality.normalizedImageName("localhost:5000/app:v2")).isEqualTo("localhost:5000/app:v2");
    // 250 MiB on 1 of 2 nodes, 2 containers: 125 MiB -> 100*(125-23)/(2000-23) = 5
    assertThat(ImageLocality.calculatePriority(125 * MIB, 2)).isEqualTo(5);
  }
}
