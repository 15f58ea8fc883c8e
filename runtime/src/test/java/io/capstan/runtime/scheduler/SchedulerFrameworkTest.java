package io.capstan.runtime.scheduler;

import static io.capstan.tck.fixtures.TestObjects.node;
import static io.capstan.tck.fixtures.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.runtime.scheduler.explain.ExplainAnnotations;
import io.capstan.runtime.scheduler.testplugins.RecordingReserve;
import io.capstan.spi.scheduler.WaitingPod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extension-point contracts end to end: Reserve/Unreserve order, Permit wait/allow/timeout/deny, weighted scores. */
class SchedulerFrameworkTest {

  @TempDir Path dir;
  SchedulerCluster cluster;

  @AfterEach
  void close() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String profile(String plugins) {
    return """
        apiVersion: kubescheduler.config.k8s.io/v1
        kind: KubeSchedulerConfiguration
        profiles:
        - schedulerName: default-scheduler
        """ + plugins.indent(2);
  }

  @Test
  void aReserveFailureUnreservesEveryReservePluginInReverseOrder() throws Exception {
    RecordingReserve.JOURNAL.clear();
    cluster = new SchedulerCluster(dir, profile("""
        plugins:
          reserve:
            enabled:
            - name: RecordingReserveA
            - name: FailingReserve
            - name: RecordingReserveB
        """));
    cluster.node(node("n1").build());
    cluster.pod(new io.fabric8.kubernetes.api.model.PodBuilder(pod("p").label("fail-reserve", "true").build()).build());

    await().atMost(Duration.ofSeconds(10)).until(() -> RecordingReserve.JOURNAL.size() >= 5);
    assertThat(RecordingReserve.JOURNAL.subList(0, 5)).containsExactly(
        "reserve RecordingReserveA p",
        "reserve FailingReserve p",
        "unreserve RecordingReserveB p",
        "unreserve FailingReserve p",
        "unreserve RecordingReserveA p");
    assertThat(cluster.nodeOf("p")).isNull();
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.events("p").stream()
        .anyMatch(e -> e.getMessage().contains("reservation refused")));
  }

  @Test
  void aPodWaitingAtPermitIsBoundOnceAllowed() throws Exception {
    cluster = new SchedulerCluster(dir, profile("""
        plugins:
          permit:
            enabled:
            - name: GatePermit
        """));
    cluster.node(node("n1").build());
    cluster.pod(pod("gang-0").label("gate", "wait").build());

    var handle = cluster.scheduler.profiles().get("default-scheduler").handle();
    await().atMost(Duration.ofSeconds(10)).until(() -> !handle.waitingPods().isEmpty());
    WaitingPod waiting = handle.waitingPods().get(0);
    assertThat(waiting.pod().getMetadata().getName()).isEqualTo("gang-0");
    assertThat(waiting.nodeName()).isEqualTo("n1");
    assertThat(waiting.pendingPlugins()).containsExactly("GatePermit");
    assertThat(cluster.nodeOf("gang-0")).isNull();

    waiting.allow("GatePermit");

    await().atMost(Duration.ofSeconds(10)).until(() -> "n1".equals(cluster.nodeOf("gang-0")));
    assertThat(handle.waitingPods()).isEmpty();
  }

  @Test
  void aPermitWaitTimesOutOnTheClockAndADenialIsReported() throws Exception {
    cluster = new SchedulerCluster(dir, profile("""
        plugins:
          permit:
            enabled:
            - name: GatePermit
        pluginConfig:
        - name: GatePermit
          args:
            timeout: 300ms
        """));
    cluster.node(node("n1").cpu("1").build());
    cluster.pod(pod("late").label("gate", "wait").cpu("800m").build());
    cluster.pod(pod("denied").label("gate", "deny").build());

    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.events("late").stream()
        .anyMatch(e -> e.getMessage().contains("rejected due to timeout after waiting 0.3s at plugin GatePermit")));
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.events("denied").stream()
        .anyMatch(e -> e.getMessage().equals("denied by the gate")));
    assertThat(cluster.nodeOf("late")).isNull();
    assertThat(cluster.nodeOf("denied")).isNull();
    // the timed-out pod was forgotten: its 800m no longer count on n1, so another pod fits
    cluster.pod(pod("fits").cpu("800m").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> "n1".equals(cluster.nodeOf("fits")));
  }

  @Test
  void scoresAreNormalizedThenWeightedAndTheBestTotalWins() throws Exception {
    cluster = new SchedulerCluster(dir, profile("""
        plugins:
          score:
            enabled:
            - name: LabelCount
              weight: 3
            - name: LeastAllocatedCpu
              weight: 2
        """));
    cluster.node(node("r1").label("test/rank", "1").build());
    cluster.node(node("r2").label("test/rank", "2").build());
    cluster.node(node("r4").label("test/rank", "4").build());
    cluster.pod(pod("p").cpu("1").build());

    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.get("p").getMetadata().getAnnotations()
        .containsKey(ExplainAnnotations.FINAL_SCORE_RESULT));
    var annotations = cluster.get("p").getMetadata().getAnnotations();
    JsonNode raw = new ObjectMapper().readTree(annotations.get(ExplainAnnotations.SCORE_RESULT));
    JsonNode fin = new ObjectMapper().readTree(annotations.get(ExplainAnnotations.FINAL_SCORE_RESULT));
    // LabelCount: raw = the rank; DefaultNormalizeScore = raw * 100 / max(4) = 25, 50, 100; times weight 3
    assertThat(List.of(raw.at("/r1/LabelCount").asLong(), raw.at("/r2/LabelCount").asLong(), raw.at("/r4/LabelCount").asLong()))
        .containsExactly(1L, 2L, 4L);
    assertThat(List.of(fin.at("/r1/LabelCount").asLong(), fin.at("/r2/LabelCount").asLong(), fin.at("/r4/LabelCount").asLong()))
        .containsExactly(75L, 150L, 300L);
    // LeastAllocatedCpu: empty nodes score (4000 - 0) * 100 / 4000 = 100, times weight 2
    assertThat(fin.at("/r2/LeastAllocatedCpu").asLong()).isEqualTo(200);
    assertThat(annotations.get(ExplainAnnotations.SELECTED_NODE)).isEqualTo("r4");
    assertThat(cluster.nodeOf("p")).isEqualTo("r4");
  }
}
