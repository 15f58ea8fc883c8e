package io.capstan.plugins.research.opengpushare;

import static io.capstan.plugins.research.GpuFixtures.node;
import static io.capstan.plugins.research.GpuFixtures.placed;
import static io.capstan.plugins.research.GpuFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.research.gpu.GpuLedger;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestNodeInfo;
import io.capstan.tck.scheduler.TestSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenGpuSharePluginTest {

  private Status filter(Pod p, TestNodeInfo n) {
    OpenGpuShare plugin = new OpenGpuShare(new NoConfig(), new TestFrameworkHandle(TestSnapshot.of(List.of(n))));
    CycleState state = new CycleState();
    plugin.preFilter(state, p, List.of(n));
    return plugin.filter(state, p, n);
  }

  @Test
  void rejectsNodesWithoutGpusOrOfAnotherModel() {
    assertThat(filter(pod("p", 1000, 1, 500), TestNodeInfo.of(node("cpu", "", 32000, 0))).code())
        .isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(filter(pod("p", 1000, 1, 500, "V100M16|V100M32", null), TestNodeInfo.of(node("n", "T4", 32000, 2)))
        .code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(filter(pod("p", 1000, 1, 500, "V100M16|T4|T4", null), TestNodeInfo.of(node("n", "T4", 32000, 2)))
        .isSuccess()).isTrue();
  }

  @Test
  void aSharingPodNeedsOneGpuWithEnoughFreeMilli() {
    // GPU 0 has 300 free, GPU 1 has 600 free
    TestNodeInfo n = TestNodeInfo.of(node("n", "G2", 64000, 2), placed("a", 0, 1, 700, "0"), placed("b", 0, 1, 400, "1"));
    assertThat(filter(pod("p", 1000, 1, 600), n).isSuccess()).isTrue();
    assertThat(filter(pod("p", 1000, 1, 601), n).code()).isEqualTo(Status.Code.UNSCHEDULABLE);
    // 900 milli are free in total, but no single GPU has 700
    assertThat(filter(pod("p", 1000, 1, 700), n).code()).isEqualTo(Status.Code.UNSCHEDULABLE);
  }

  @Test
  void aMultiGpuPodNeedsWholeFreeGpus() {
    TestNodeInfo n = TestNodeInfo.of(node("n", "G2", 64000, 4), placed("a", 0, 1, 100, "2"));
    assertThat(filter(pod("p", 1000, 3, 1000), n).isSuccess()).isTrue();
    assertThat(filter(pod("p", 1000, 4, 1000), n).code()).isEqualTo(Status.Code.UNSCHEDULABLE);
    assertThat(filter(pod("cpu-only", 1000, 0, 0), n).isSuccess()).isTrue();
  }

  @Test
  void reserveRecordsTheBestFittingGpuAndUnreserveForgetsIt() {
    TestNodeInfo n = TestNodeInfo.of(node("n", "G2", 64000, 3), placed("a", 0, 1, 700, "0"), placed("b", 0, 1, 500, "2"));
    TestFrameworkHandle handle = new TestFrameworkHandle(TestSnapshot.of(List.of(n)));
    OpenGpuShare plugin = new OpenGpuShare(new NoConfig(), handle);
    CycleState state = new CycleState();
    Pod p = pod("p", 1000, 1, 300);
    plugin.preFilter(state, p, List.of(n));
    assertThat(plugin.reserve(state, p, "n").isSuccess()).isTrue();
    // free: [300, 1000, 500]; "best" = least free that fits = GPU 0
    assertThat(GpuLedger.of(handle).assigned("uid-p")).containsExactly(0);
    Pod whole = pod("w", 1000, 1, 1000);
    plugin.preFilter(state, whole, List.of(n));
    plugin.reserve(state, whole, "n");
    assertThat(GpuLedger.of(handle).assigned("uid-w")).containsExactly(1);
    plugin.unreserve(state, p, "n");
    assertThat(GpuLedger.of(handle).assigned("uid-p")).isNull();
  }
}
