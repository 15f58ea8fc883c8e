package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.bench.SimulatedKubelet;
import io.capstan.runtime.controllers.ControllerManager;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * kubectl drives Deployments through the controller manager of a real control plane: apply, scale,
 * rollout status/history/undo/pause/resume/restart, and cascading deletes. A simulated kubelet
 * (no scheduler or node agent in this build) binds pods and reports them Running and Ready.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControllersIT {

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        selector:
          matchLabels: {app: web}
        strategy:
          rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: nginx
              image: nginx:1.25
      """;

  Path dir;
  ControlPlane plane;
  Kubectl kubectl;
  SimulatedKubelet kubelet;

  @BeforeAll
  void start() throws Exception {
    Kubectl.requireKubectl();
    dir = Files.createTempDirectory("capstan-controllers-it");
    plane = new ControlPlane(dir.resolve("data"), Map.of("components", "apiserver,controller-manager",
        "controllers.leaderElection.retryPeriod", "200ms", "controllers.leaderElection.renewDeadline", "1s",
        "controllers.leaderElection.leaseDuration", "2s"));
    var injector = plane.kernel().injector();
    kubelet = new SimulatedKubelet(injector.getInstance(ApiServer.class), injector.getInstance(ApiClient.class),
        injector.getInstance(Clock.class), injector.getInstance(TaskExecutor.class), 3);
    kubectl = new Kubectl(plane.kubeconfig(), dir);
    await().atMost(Duration.ofSeconds(20)).until(() -> injector.getInstance(ControllerManager.class).synced());
  }

  @AfterAll
  void stop() {
    if (kubelet != null) {
      kubelet.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  private Kubectl.Result ok(String... args) throws Exception {
    Kubectl.Result result = kubectl.run(args);
    assertThat(result.exitCode()).as("kubectl %s\n%s", String.join(" ", args), result.all()).isZero();
    return result;
  }

  private String get(String jsonpath, String... what) throws Exception {
    String[] args = new String[what.length + 2];
    args[0] = "get";
    System.arraycopy(what, 0, args, 1, what.length);
    args[what.length + 1] = "-o=jsonpath=" + jsonpath;
    return ok(args).out().trim();
  }

  @Test
  @Order(1)
  void applyRollsOutAndScales() throws Exception {
    assertThat(kubectl.runWithInput(DEPLOYMENT, "apply", "-f", "-").exitCode()).isZero();
    assertThat(ok("rollout", "status", "deployment/web", "--timeout=60s").out()).contains("successfully rolled out");
    assertThat(get("{.status.readyReplicas}", "deployment", "web")).isEqualTo("3");
    ok("scale", "deployment/web", "--replicas=5");
    assertThat(ok("rollout", "status", "deployment/web", "--timeout=60s").out()).contains("successfully rolled out");
    await().atMost(Duration.ofSeconds(20)).until(() -> get("{.items[*].metadata.name}", "pods", "-l", "app=web")
        .split(" ").length == 5);
  }

  @Test
  @Order(2)
  void setImageHistoryUndoAndRestart() throws Exception {
    ok("set", "image", "deployment/web", "nginx=nginx:1.26");
    assertThat(ok("rollout", "status", "deployment/web", "--timeout=60s").out()).contains("successfully rolled out");
    String history = ok("rollout", "history", "deployment/web").out();
    assertThat(history).contains("REVISION").containsPattern("(?m)^1\\s").containsPattern("(?m)^2\\s");
    ok("rollout", "undo", "deployment/web");
    assertThat(ok("rollout", "status", "deployment/web", "--timeout=60s").out()).contains("successfully rolled out");
    assertThat(get("{.spec.template.spec.containers[0].image}", "deployment", "web")).isEqualTo("nginx:1.25");
    assertThat(get("{.metadata.annotations.deployment\\.kubernetes\\.io/revision}", "deployment", "web")).isEqualTo("3");
    assertThat(get("{.items[*].metadata.name}", "replicasets").split(" ")).as(ok("get", "rs", "-o", "yaml").out())
        .hasSize(2);
    ok("rollout", "restart", "deployment/web");
    assertThat(ok("rollout", "status", "deployment/web", "--timeout=60s").out()).contains("successfully rolled out");
    assertThat(get("{.items[*].metadata.name}", "replicasets").split(" ")).hasSize(3);
  }

  @Test
  @Order(3)
  void pauseAndResume() throws Exception {
    ok("rollout", "pause", "deployment/web");
    ok("set", "image", "deployment/web", "nginx=nginx:1.27");
    await().atMost(Duration.ofSeconds(10)).until(() -> get("{.status.conditions[?(@.type==\"Progressing\")].reason}",
        "deployment", "web").equals("DeploymentPaused"));
    int before = get("{.items[*].metadata.name}", "replicasets").split(" ").length;
    assertThat(before).isEqualTo(3);
    ok("rollout", "resume", "deployment/web");
    assertThat(ok("rollout", "status", "deployment/web", "--timeout=60s").out()).contains("successfully rolled out");
    assertThat(get("{.items[*].metadata.name}", "replicasets").split(" ")).hasSize(4);
  }

  @Test
  @Order(4)
  void cascadingDeletes() throws Exception {
    ok("create", "deployment", "keep", "--image=nginx:1.25", "--replicas=2");
    assertThat(ok("rollout", "status", "deployment/keep", "--timeout=60s").out()).contains("successfully rolled out");
    ok("delete", "deployment", "keep", "--cascade=orphan");
    await().atMost(Duration.ofSeconds(20)).until(() -> get("{.items[*].metadata.ownerReferences}", "replicasets",
        "-l", "app=keep").isEmpty());
    assertThat(get("{.items[*].metadata.name}", "pods", "-l", "app=keep").split(" ")).hasSize(2);

    ok("delete", "deployment", "web", "--cascade=foreground");
    await().atMost(Duration.ofSeconds(30)).until(() -> get("{.items[*].metadata.name}", "deployments").equals("")
        && get("{.items[*].metadata.name}", "replicasets", "-l", "app=web").isEmpty()
        && get("{.items[*].metadata.name}", "pods", "-l", "app=web").isEmpty());
  }
}
