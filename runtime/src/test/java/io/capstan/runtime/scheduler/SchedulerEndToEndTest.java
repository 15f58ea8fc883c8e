package io.capstan.runtime.scheduler;

import static io.capstan.tck.fixtures.TestObjects.node;
import static io.capstan.tck.fixtures.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.runtime.scheduler.explain.ExplainAnnotations;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler against an in-process API server: pods get nodes, events and conditions as Kubernetes writes them. */
class SchedulerEndToEndTest {

  @TempDir Path dir;
  SchedulerCluster cluster;

  @AfterEach
  void close() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Node tainted(String name, String key, String value) {
    return new NodeBuilder(node(name).build()).editOrNewSpec().addNewTaint().withKey(key).withValue(value)
        .withEffect("NoSchedule").endTaint().endSpec().build();
  }

  @Test
  void aPodGetsANodeAScheduledEventAndItsExplanation() throws Exception {
    cluster = new SchedulerCluster(dir, SchedulerCluster.BASIC);
    cluster.node(node("n1").build());
    cluster.node(node("n2").build());
    cluster.pod(pod("p1").cpu("500m").memory("1Gi").build());

    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.nodeOf("p1") != null);
    String chosen = cluster.nodeOf("p1");
    assertThat(chosen).isIn("n1", "n2");
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.events("p1").stream()
        .anyMatch(e -> "Scheduled".equals(e.getReason())));
    Event scheduled = cluster.events("p1").stream().filter(e -> "Scheduled".equals(e.getReason())).findFirst().orElseThrow();
    assertThat(scheduled.getType()).isEqualTo("Normal");
    assertThat(scheduled.getMessage()).isEqualTo("Successfully assigned default/p1 to " + chosen);
    assertThat(scheduled.getSource().getComponent()).isEqualTo("default-scheduler");

    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.get("p1").getMetadata().getAnnotations()
        .containsKey(ExplainAnnotations.SELECTED_NODE));
    var annotations = cluster.get("p1").getMetadata().getAnnotations();
    assertThat(annotations.get(ExplainAnnotations.SELECTED_NODE)).isEqualTo(chosen);
    JsonNode filter = new ObjectMapper().readTree(annotations.get(ExplainAnnotations.FILTER_RESULT));
    assertThat(filter.path("n1").path("NodeResourcesFit").asText()).isEqualTo("passed");
    assertThat(filter.path("n2").path("TaintToleration").asText()).isEqualTo("passed");
    JsonNode fin = new ObjectMapper().readTree(annotations.get(ExplainAnnotations.FINAL_SCORE_RESULT));
    assertThat(fin.path("n1").path("LeastAllocatedCpu").asLong()).isEqualTo(100);
  }

  @Test
  void anUnschedulablePodGetsFailedSchedulingAndIsScheduledWhenANodeIsAdded() throws Exception {
    cluster = new SchedulerCluster(dir, SchedulerCluster.BASIC);
    cluster.node(node("small").cpu("1").build());
    cluster.pod(pod("big").cpu("2").build());

    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.events("big").stream()
        .anyMatch(e -> "FailedScheduling".equals(e.getReason())));
    Event failed = cluster.events("big").stream().filter(e -> "FailedScheduling".equals(e.getReason())).findFirst().orElseThrow();
    assertThat(failed.getType()).isEqualTo("Warning");
    assertThat(failed.getMessage()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
    await().atMost(Duration.ofSeconds(10)).until(() -> scheduledCondition(cluster.get("big")) != null);
    PodCondition condition = scheduledCondition(cluster.get("big"));
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getReason()).isEqualTo("Unschedulable");
    assertThat(condition.getMessage()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
    assertThat(cluster.nodeOf("big")).isNull();

    cluster.node(node("large").cpu("8").build());

    await().atMost(Duration.ofSeconds(15)).until(() -> "large".equals(cluster.nodeOf("big")));
    await().atMost(Duration.ofSeconds(10)).until(() -> "True".equals(scheduledCondition(cluster.get("big")).getStatus()));
  }

  @Test
  void theFailedSchedulingMessageCountsReasonsOverNodesAsKubernetesDoes() throws Exception {
    cluster = new SchedulerCluster(dir, SchedulerCluster.BASIC);
    for (int i = 0; i < 3; i++) {
      cluster.node(node("small-" + i).cpu("1").build());
    }
    cluster.node(tainted("gpu-0", "dedicated", "gpu"));
    cluster.node(tainted("gpu-1", "dedicated", "gpu"));
    cluster.pod(pod("p").cpu("2").build());

    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.events("p").stream()
        .anyMatch(e -> "FailedScheduling".equals(e.getReason())));
    assertThat(cluster.events("p").get(0).getMessage())
        .isEqualTo("0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu.");
  }

  @Test
  void podsOfAnotherSchedulerAreLeftAloneAndEachProfileSchedulesItsOwn() throws Exception {
    cluster = new SchedulerCluster(dir, """
        apiVersion: kubescheduler.config.k8s.io/v1
        kind: KubeSchedulerConfiguration
        profiles:
        - schedulerName: default-scheduler
        - schedulerName: ranked
          plugins:
            score:
              enabled:
              - name: LabelCount
                weight: 5
        """);
    cluster.node(node("low").label("test/rank", "1").build());
    cluster.node(node("high").label("test/rank", "9").build());
    cluster.pod(withScheduler(pod("mine").build(), "ranked"));
    cluster.pod(withScheduler(pod("theirs").build(), "someone-else"));

    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.nodeOf("mine") != null);
    assertThat(cluster.nodeOf("mine")).isEqualTo("high");
    assertThat(cluster.scheduler.profiles()).containsOnlyKeys("default-scheduler", "ranked");
    // the other scheduler's pod is never touched: no node, no event, no condition
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> cluster.nodeOf("theirs") == null);
    assertThat(cluster.events("theirs")).isEmpty();
    assertThat(scheduledCondition(cluster.get("theirs"))).isNull();
  }

  @Test
  void manyPodsSpreadOverNodesWithoutOvercommitting() throws Exception {
    cluster = new SchedulerCluster(dir, SchedulerCluster.BASIC, SchedulerOptions.defaults().withExplain(false));
    for (int i = 0; i < 4; i++) {
      cluster.node(node("n" + i).cpu("1").build());
    }
    for (int i = 0; i < 12; i++) {
      cluster.pod(pod("p" + i).cpu("300m").build());
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      for (int i = 0; i < 12; i++) {
        if (cluster.nodeOf("p" + i) == null) {
          return false;
        }
      }
      return true;
    });
    List<String> nodes = java.util.stream.IntStream.range(0, 12).mapToObj(i -> cluster.nodeOf("p" + i)).toList();
    for (int i = 0; i < 4; i++) {
      String n = "n" + i;
      assertThat(nodes.stream().filter(n::equals).count()).as("pods on " + n).isEqualTo(3);
    }
  }

  @Test
  void capstanExplainPodPrintsTheFilterAndScoreTables() throws Exception {
    cluster = new SchedulerCluster(dir, SchedulerCluster.BASIC);
    cluster.node(node("roomy").cpu("8").build());
    cluster.node(node("tiny").cpu("1").build());
    cluster.node(node("medium").cpu("4").build());
    cluster.pod(pod("filler").cpu("2").node("medium").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.scheduler.cache().podsOn("medium").size() == 1);
    cluster.pod(pod("web").cpu("2").build());
    cluster.pod(pod("huge").cpu("64").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.get("web").getMetadata().getAnnotations()
        .containsKey(ExplainAnnotations.SELECTED_NODE));
    await().atMost(Duration.ofSeconds(10)).until(() -> scheduledCondition(cluster.get("huge")) != null
        && cluster.get("huge").getMetadata().getAnnotations().containsKey(ExplainAnnotations.FILTER_RESULT));

    java.io.StringWriter out = new java.io.StringWriter();
    int code = io.capstan.runtime.cli.CapstanMain.run(new String[] {"explain", "pod", "web", "-n", "default", "--server",
        cluster.server.url()}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true));
    assertThat(code).isZero();
    assertThat(out.toString()).contains("Pod default/web: on node roomy (selected roomy)", "Filter:",
        "Score (raw / normalized x weight):").containsPattern("tiny\\s+Insufficient cpu")
        .containsPattern("roomy\\s+passed\\s+passed")
        .containsPattern("roomy\\s+100 / 100\\s+100").containsPattern("medium\\s+50 / 50\\s+50");

    java.io.StringWriter pending = new java.io.StringWriter();
    CapstanMainRunner.run(pending, "explain", "pod", "huge", "--server", cluster.server.url());
    assertThat(pending.toString()).contains("Pod default/huge: pending",
        "PodScheduled=False Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.");
  }

  /** Runs the CLI into a writer. */
  static final class CapstanMainRunner {
    static int run(java.io.StringWriter out, String... args) {
      return io.capstan.runtime.cli.CapstanMain.run(args, new java.io.PrintWriter(out, true),
          new java.io.PrintWriter(new java.io.StringWriter(), true));
    }
  }

  static Pod withScheduler(Pod pod, String name) {
    return new PodBuilder(pod).editSpec().withSchedulerName(name).endSpec().build();
  }

  static PodCondition scheduledCondition(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getConditions() == null ? null
        : pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElse(null);
  }
}
