package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.cli.CapstanCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The scheduler component with the real default plugins (plugins-scheduler) and Kubernetes' default
 * profile, against the API server, with simulated nodes of 2 CPUs: placement, Kubernetes' failure
 * messages, preemption, a new node unblocking a pod, explanations, a configuration file.
 */
class SchedulerIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private ControlPlane plane(int nodes, Map<String, String> extra) {
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put("components", "apiserver,scheduler,node-agent");
    settings.put("node.cpu", "2");
    settings.put("node.memory", "8Gi");
    settings.putAll(extra);
    return ControlPlane.withNodes(dir.resolve("data"), nodes, settings);
  }

  private static String pod(String name, String cpu, int priority) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s}
        spec:
          priority: %d
          terminationGracePeriodSeconds: 0
          containers:
          - name: main
            image: nginx:1.27
            resources: {requests: {cpu: %s, memory: 100Mi}}
        ---
        """.formatted(name, priority, cpu);
  }

  private Kubectl.Result apply(Kubectl kubectl, String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "m", ".yaml");
    Files.writeString(file, yaml);
    return ok(kubectl, "apply", "-f", file.toString());
  }

  private static Kubectl.Result ok(Kubectl kubectl, String... args) throws Exception {
    Kubectl.Result result = kubectl.run(args);
    assertThat(result.exitCode()).as("kubectl %s\n%s", String.join(" ", args), result.all()).isZero();
    return result;
  }

  private static String field(Kubectl kubectl, String pod, String path) throws Exception {
    return kubectl.run("get", "pod", pod, "-o", "jsonpath={" + path + "}").out().trim();
  }

  /** reason|object|message lines of every event. */
  private static List<String> events(Kubectl kubectl) throws Exception {
    String out = ok(kubectl, "get", "events", "-o",
        "jsonpath={range .items[*]}{.reason}|{.involvedObject.name}|{.message}{\"\\n\"}{end}").out();
    return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
  }

  @Test
  void podsAreBoundAndRunUnfitPodsGetKubernetesMessageAndExplainShowsRealPlugins() throws Exception {
    Kubectl.requireKubectl();
    try (ControlPlane plane = plane(3, Map.of())) {
      Kubectl kubectl = new Kubectl(plane.kubeconfig(), dir);
      apply(kubectl, pod("web-0", "100m", 0) + pod("web-1", "100m", 0) + pod("web-2", "100m", 0) + pod("big", "3", 0));
      for (String p : List.of("web-0", "web-1", "web-2")) {
        await().atMost(WAIT).untilAsserted(() -> {
          assertThat(field(kubectl, p, ".spec.nodeName")).startsWith("node-");
          assertThat(field(kubectl, p, ".status.phase")).isEqualTo("Running");
        });
      }
      await().atMost(WAIT).untilAsserted(() -> assertThat(events(kubectl))
          .anySatisfy(e -> assertThat(e).startsWith("FailedScheduling|big|0/3 nodes are available: 3 Insufficient cpu."))
          .anySatisfy(e -> assertThat(e).startsWith("Scheduled|web-0|Successfully assigned default/web-0 to node-")));
      assertThat(field(kubectl, "big", ".spec.nodeName")).isEmpty();
      assertThat(field(kubectl, "big", ".status.conditions[?(@.type==\"PodScheduled\")].reason")).isEqualTo("Unschedulable");

      await().atMost(WAIT).untilAsserted(() -> assertThat(field(kubectl, "web-0", ".metadata.annotations"))
          .contains("capstan.io/finalscore-result"));
      StringWriter out = new StringWriter();
      int code = new CommandLine(new CapstanCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
          .execute("explain", "pod", "web-0", "--kubeconfig", plane.kubeconfig().toString());
      assertThat(code).as(out.toString()).isZero();
      // the real default plugins, with Kubernetes' weights: TaintToleration 3 × 100 on untainted nodes
      assertThat(out.toString()).contains("NodeResourcesFit", "NodeResourcesBalancedAllocation", "TaintToleration",
          "passed").contains("300").contains("selected " + field(kubectl, "web-0", ".spec.nodeName"));
    }
  }

  @Test
  void preemptionEvictsALowerPriorityVictimOnlyWhenThatMakesThePodFit() throws Exception {
    Kubectl.requireKubectl();
    try (ControlPlane plane = plane(3, Map.of())) {
      Kubectl kubectl = new Kubectl(plane.kubeconfig(), dir);
      apply(kubectl, pod("low-0", "1500m", 0) + pod("low-1", "1500m", 0) + pod("low-2", "1500m", 0));
      for (String p : List.of("low-0", "low-1", "low-2")) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(field(kubectl, p, ".status.phase")).isEqualTo("Running"));
      }
      // 2.5 CPUs fit on no 2-CPU node even empty: preemption would not help, nobody is evicted
      apply(kubectl, pod("huge", "2500m", 1000));
      await().atMost(WAIT).untilAsserted(() -> assertThat(events(kubectl))
          .anySatisfy(e -> assertThat(e).startsWith("FailedScheduling|huge|0/3 nodes are available: 3 Insufficient cpu.")));
      // 1 CPU fits once one 1.5-CPU pod goes: exactly one victim, and the pod is bound where it was
      apply(kubectl, pod("vip", "1", 1000));
      await().atMost(WAIT).untilAsserted(() -> assertThat(field(kubectl, "vip", ".spec.nodeName")).startsWith("node-"));
      String node = field(kubectl, "vip", ".spec.nodeName");
      List<String> remaining = Arrays.stream(ok(kubectl, "get", "pods", "-o",
          "jsonpath={range .items[*]}{.metadata.name}={.spec.nodeName}{\"\\n\"}{end}").out().split("\n"))
          .filter(l -> l.startsWith("low-")).toList();
      assertThat(remaining).hasSize(2).noneMatch(l -> l.endsWith("=" + node));
      assertThat(events(kubectl)).anySatisfy(e -> assertThat(e).startsWith("Preempted|low-").contains("on node " + node));
      assertThat(field(kubectl, "huge", ".spec.nodeName")).isEmpty();
    }
  }

  @Test
  void anUnschedulablePodIsScheduledWhenANodeIsAdded() throws Exception {
    Kubectl.requireKubectl();
    try (ControlPlane plane = plane(1, Map.of())) {
      Kubectl kubectl = new Kubectl(plane.kubeconfig(), dir);
      apply(kubectl, pod("wait", "3", 0));
      await().atMost(WAIT).untilAsserted(() -> assertThat(events(kubectl))
          .anySatisfy(e -> assertThat(e).startsWith("FailedScheduling|wait|0/1 nodes are available: 1 Insufficient cpu.")));
      apply(kubectl, """
          apiVersion: v1
          kind: Node
          metadata: {name: big-node}
          """);
      ok(kubectl, "patch", "node", "big-node", "--subresource=status", "--type=merge", "-p",
          "{\"status\":{\"capacity\":{\"cpu\":\"8\",\"memory\":\"32Gi\",\"pods\":\"110\"},"
              + "\"allocatable\":{\"cpu\":\"8\",\"memory\":\"32Gi\",\"pods\":\"110\"}}}");
      await().atMost(WAIT).untilAsserted(() -> assertThat(field(kubectl, "wait", ".spec.nodeName")).isEqualTo("big-node"));
    }
  }

  @Test
  void aKubeSchedulerConfigurationChangesAWeight() throws Exception {
    Kubectl.requireKubectl();
    Path config = dir.resolve("scheduler.yaml");
    Files.writeString(config, """
        apiVersion: kubescheduler.config.k8s.io/v1
        kind: KubeSchedulerConfiguration
        profiles:
        - schedulerName: default-scheduler
          plugins:
            score:
              enabled:
              - {name: TaintToleration, weight: 7}
        """);
    try (ControlPlane plane = plane(2, Map.of("scheduler.configFile", config.toString()))) {
      Kubectl kubectl = new Kubectl(plane.kubeconfig(), dir);
      apply(kubectl, pod("weighted", "100m", 0));
      await().atMost(WAIT).untilAsserted(() -> assertThat(
          field(kubectl, "weighted", ".metadata.annotations.capstan\\.io/finalscore-result"))
          .contains("\"TaintToleration\":700").doesNotContain("\"TaintToleration\":300"));
    }
  }

  /**
   * Without explanations identical pods are placed by opportunistic batching; kubectl shows a gated
   * pod as SchedulingGated (the API server's PodScheduled=False condition), and removing its gate
   * lets it be scheduled.
   */
  @Test
  void batchedReplicasSpreadOverNodesAndAGatedPodWaitsForItsGate() throws Exception {
    Kubectl.requireKubectl();
    try (ControlPlane plane = plane(3, Map.of("scheduler.explain", "false"))) {
      Kubectl kubectl = new Kubectl(plane.kubeconfig(), dir);
      StringBuilder replicas = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        replicas.append(pod("replica-" + i, "500m", 0));
      }
      apply(kubectl, replicas.toString());
      await().atMost(WAIT).untilAsserted(() -> assertThat(ok(kubectl, "get", "pods", "-o",
          "jsonpath={range .items[*]}{.spec.nodeName}{\"\\n\"}{end}").out().lines().filter(l -> !l.isBlank())
          .collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.stream.Collectors.counting())).values())
          .as("6 pods of 500m on 3 nodes of 2 CPUs, least-allocated first").containsExactly(2L, 2L, 2L));
      apply(kubectl, """
          apiVersion: v1
          kind: Pod
          metadata: {name: gated}
          spec:
            schedulingGates: [{name: example.com/quota}]
            containers:
            - {name: main, image: nginx:1.27}
          """);
      assertThat(ok(kubectl, "get", "pod", "gated").out()).contains("SchedulingGated");
      assertThat(field(kubectl, "gated", ".status.conditions[0].reason")).isEqualTo("SchedulingGated");
      ok(kubectl, "patch", "pod", "gated", "--type=json", "-p", "[{\"op\":\"remove\",\"path\":\"/spec/schedulingGates\"}]");
      await().atMost(WAIT).untilAsserted(() -> assertThat(field(kubectl, "gated", ".spec.nodeName")).startsWith("node-"));
      await().atMost(WAIT).untilAsserted(() -> assertThat(ok(kubectl, "get", "pod", "gated").out()).contains("Running"));
    }
  }
}
