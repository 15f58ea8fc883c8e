package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on the {@code process} runtime: a pod's container runs as a real local process with the
 * kubelet's service environment, kubectl reads its output, an exit code drives the phase, and
 * kubectl delete stops it.
 */
class ProcessNodeIT {

  @TempDir Path dir;

  private static String jsonpath(Kubectl kubectl, String pod, String path) throws Exception {
    return kubectl.run("get", "pod", pod, "-n", "kube-system", "-o", "jsonpath=" + path).out().trim();
  }

  private static String run(Kubectl kubectl, String... args) {
    try {
      return kubectl.run(args).all();
    } catch (Exception e) {
      return e.toString();
    }
  }

  @Test
  void aPodRunsAsARealProcessAndKubectlReadsItsLogs() throws Exception {
    Kubectl.requireKubectl();
    try (ControlPlane plane = ControlPlane.withNodes(dir.resolve("data"), 1,
        Map.of("node.runtime", "process", "node.process.dataDir", dir.resolve("data/process").toString()))) {
      Kubectl kubectl = new Kubectl(plane.kubeconfig(), dir);
      String node = kubectl.run("get", "nodes", "-o", "jsonpath={.items[0].metadata.name}").out().trim();
      Kubectl.Result created = kubectl.runWithInput("""
          apiVersion: v1
          kind: Pod
          metadata: {name: talker, namespace: kube-system}
          spec:
            nodeName: %s
            restartPolicy: Never
            containers:
            - name: main
              image: busybox
              command: ["/bin/sh", "-c"]
              args: ["echo hello from $GREETING; echo api at $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT; exec sleep 300"]
              env: [{name: GREETING, value: capstan}]
          """.formatted(node), "apply", "-f", "-");
      assertThat(created.exitCode()).as(created.all()).isZero();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(jsonpath(kubectl, "talker", "{.status.phase}"))
            .as(() -> run(kubectl, "get", "pod", "talker", "-n", "kube-system", "-o", "yaml") + run(kubectl, "get", "nodes", "-o", "wide")
                + run(kubectl, "get", "events", "-A"))
            .isEqualTo("Running");
        assertThat(kubectl.run("logs", "talker", "-n", "kube-system").out())
            .contains("hello from capstan").contains("api at 10.96.0.1:443");
      });
      assertThat(jsonpath(kubectl, "talker", "{.status.podIP}")).isEqualTo("127.0.0.1");

      Kubectl.Result failing = kubectl.runWithInput("""
          apiVersion: v1
          kind: Pod
          metadata: {name: quitter, namespace: kube-system}
          spec:
            nodeName: %s
            restartPolicy: Never
            containers: [{name: main, image: busybox, command: ["/bin/sh", "-c", "echo bye; exit 3"]}]
          """.formatted(node), "apply", "-f", "-");
      assertThat(failing.exitCode()).as(failing.all()).isZero();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(jsonpath(kubectl, "quitter", "{.status.phase}")).isEqualTo("Failed");
        assertThat(jsonpath(kubectl, "quitter", "{.status.containerStatuses[0].state.terminated.exitCode}")).isEqualTo("3");
      });

      Kubectl.Result deleted = kubectl.run("delete", "pod", "talker", "-n", "kube-system", "--grace-period=2", "--timeout=30s");
      assertThat(deleted.exitCode()).as(deleted.all()).isZero();
      assertThat(kubectl.run("get", "pod", "talker", "-n", "kube-system").err()).contains("NotFound");
    }
  }
}
