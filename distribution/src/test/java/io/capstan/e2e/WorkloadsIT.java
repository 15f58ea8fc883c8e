package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.controllers.ControllerManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * kubectl drives the other workload controllers on the whole control plane — API server, scheduler,
 * controller manager and three simulated nodes (node agents) — as issue 8's end-to-end tests ask:
 * StatefulSet ordinals and reverse-order scale-down, a DaemonSet pod on each node, Job completions
 * and a failing Job, and a PodDisruptionBudget whose status allows one disruption.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkloadsIT {

  private static final String STATEFULSET = """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db}
      spec:
        replicas: 3
        serviceName: db
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            containers: [{name: db, image: postgres:16}]
      """;

  private static final String DAEMONSET = """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            containers: [{name: agent, image: busybox}]
      """;

  private static final String JOBS = """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: batch}
      spec:
        completions: 3
        parallelism: 2
        template:
          spec:
            restartPolicy: Never
            containers: [{name: work, image: busybox}]
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: {name: broken}
      spec:
        backoffLimit: 0
        template:
          metadata:
            annotations: {sim.capstan.io/exit-code: "3"}
          spec:
            restartPolicy: Never
            containers: [{name: work, image: busybox}]
      """;

  private static final String BUDGET = """
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: db}
      spec:
        minAvailable: 2
        selector: {matchLabels: {app: db}}
      """;

  Path dir;
  ControlPlane plane;
  Kubectl kubectl;

  @BeforeAll
  void start() throws Exception {
    Kubectl.requireKubectl();
    dir = Files.createTempDirectory("capstan-workloads-it");
    plane = new ControlPlane(dir.resolve("data"), Map.of("components", "apiserver,scheduler,controller-manager,node-agent",
        "node.count", "3", "controllers.leaderElection.enabled", "false"));
    kubectl = new Kubectl(plane.kubeconfig(), dir);
    var manager = plane.kernel().injector().getInstance(ControllerManager.class);
    await().atMost(Duration.ofSeconds(30)).until(manager::synced);
    await().atMost(Duration.ofSeconds(30)).until(() -> get("{.items[*].metadata.name}", "nodes").split(" ").length == 3);
  }

  @AfterAll
  void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  private Kubectl.Result ok(String... args) throws Exception {
    Kubectl.Result result = kubectl.run(args);
    assertThat(result.exitCode()).as("kubectl %s\n%s", String.join(" ", args), result.all()).isZero();
    return result;
  }

  private void apply(String manifest) throws Exception {
    Kubectl.Result result = kubectl.runWithInput(manifest, "apply", "-f", "-");
    assertThat(result.exitCode()).as(result.all()).isZero();
  }

  private String get(String jsonpath, String... what) throws Exception {
    String[] args = new String[what.length + 2];
    args[0] = "get";
    System.arraycopy(what, 0, args, 1, what.length);
    args[what.length + 1] = "-o=jsonpath=" + jsonpath;
    return ok(args).out().trim();
  }

  private List<String> words(String text) {
    return text.isBlank() ? List.of() : Arrays.asList(text.split("\\s+"));
  }

  @Test
  void statefulSetHasStableOrdinalsAndScalesDownFromTheHighest() throws Exception {
    apply(STATEFULSET);
    assertThat(ok("rollout", "status", "statefulset/db", "--timeout=60s").out()).contains("complete");
    assertThat(words(get("{.items[*].metadata.name}", "pods", "-l", "app=db"))).containsExactly("db-0", "db-1", "db-2");
    assertThat(words(get("{.items[*].spec.hostname}", "pods", "-l", "app=db"))).containsExactly("db-0", "db-1", "db-2");
    assertThat(words(get("{.items[*].spec.nodeName}", "pods", "-l", "app=db"))).hasSize(3)
        .allSatisfy(node -> assertThat(node).startsWith("node-"));

    apply(BUDGET);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
        get("{.status.currentHealthy}/{.status.desiredHealthy}/{.status.disruptionsAllowed}", "pdb", "db"))
        .isEqualTo("3/2/1"));

    ok("scale", "statefulset/db", "--replicas=1");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        words(get("{.items[*].metadata.name}", "pods", "-l", "app=db"))).containsExactly("db-0"));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
        get("{.status.currentHealthy}/{.status.desiredHealthy}/{.status.disruptionsAllowed}", "pdb", "db"))
        .isEqualTo("1/2/0"));
  }

  @Test
  void daemonSetRunsOnePodOnEachNode() throws Exception {
    apply(DAEMONSET);
    assertThat(ok("rollout", "status", "daemonset/agent", "--timeout=60s").out()).contains("successfully rolled out");
    assertThat(words(get("{.items[*].spec.nodeName}", "pods", "-l", "app=agent")))
        .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
    assertThat(get("{.status.desiredNumberScheduled}/{.status.numberReady}", "daemonset", "agent")).isEqualTo("3/3");
  }

  @Test
  void jobsCompleteOrFailAsKubernetesReports() throws Exception {
    apply(JOBS);
    ok("wait", "--for=condition=complete", "job/batch", "--timeout=60s");
    assertThat(get("{.status.succeeded}", "job", "batch")).isEqualTo("3");
    ok("wait", "--for=condition=failed", "job/broken", "--timeout=60s");
    assertThat(get("{.status.conditions[?(@.type==\"Failed\")].reason}", "job", "broken")).isEqualTo("BackoffLimitExceeded");
    assertThat(get("{.status.failed}", "job", "broken")).isEqualTo("1");
  }
}
