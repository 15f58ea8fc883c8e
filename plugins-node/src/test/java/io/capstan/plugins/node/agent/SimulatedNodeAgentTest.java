package io.capstan.plugins.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.client.ResourceClient;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulated nodes against a real API server: registration, pod lifecycle, restarts, probes, deletion. */
class SimulatedNodeAgentTest {

  @TempDir Path dir;
  private SimulatedCluster cluster;
  private ResourceClient<Pod> pods;

  @BeforeEach
  void start() throws Exception {
    cluster = new SimulatedCluster(dir, 2);
    pods = cluster.client.resources(Pod.class);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  static PodBuilder pod(String name, String node, Map<String, String> annotations) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withAnnotations(annotations).endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("main").withImage("nginx:1.27").endContainer().endSpec();
  }

  static String condition(Pod pod, String type) {
    return pod.getStatus().getConditions() == null ? "" : pod.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type)).map(PodCondition::getStatus).findFirst().orElse("");
  }

  static ContainerStatus main(Pod pod) {
    return pod.getStatus().getContainerStatuses() == null || pod.getStatus().getContainerStatuses().isEmpty()
        ? new ContainerStatus() : pod.getStatus().getContainerStatuses().get(0);
  }

  @Test
  void nodesRegisterReadyWithCapacityPodCidrsAndLeases() {
    List<Node> nodes = cluster.client.resources(Node.class).list(io.capstan.spi.client.ListOptions.all()).items();
    assertThat(nodes).extracting(n -> n.getMetadata().getName()).containsExactly("node-1", "node-2");
    Node first = nodes.get(0);
    assertThat(first.getSpec().getPodCIDR()).isEqualTo("10.244.0.0/24");
    assertThat(nodes.get(1).getSpec().getPodCIDR()).isEqualTo("10.244.1.0/24");
    assertThat(first.getStatus().getAllocatable()).containsEntry("cpu", new Quantity("4")).containsEntry("pods", new Quantity("110"));
    assertThat(first.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
        .contains("Ready=True", "MemoryPressure=False", "DiskPressure=False", "PIDPressure=False");
    assertThat(first.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", "node-1");
    Lease lease = cluster.client.resources(Lease.class).get("kube-node-lease", "node-1").orElseThrow();
    assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(40);
    var firstRenew = lease.getSpec().getRenewTime();
    cluster.advance(Duration.ofSeconds(25), Duration.ofSeconds(1));
    Lease renewed = cluster.client.resources(Lease.class).get("kube-node-lease", "node-1").orElseThrow();
    assertThat(renewed.getSpec().getRenewTime()).isAfter(firstRenew);
    assertThat(cluster.host.leaseRenewals()).as("two nodes, one renewal each per 10 s").isBetween(3L, 6L);
  }

  @Test
  void aBoundPodGoesFromPendingToRunningWithAPodIp() {
    pods.create(pod("web", "node-1", Map.of()).build());
    cluster.until(Duration.ofSeconds(10), () -> "Running".equals(cluster.pod("web").getStatus().getPhase())
        && "True".equals(condition(cluster.pod("web"), "Ready")));
    Pod web = cluster.pod("web");
    assertThat(web.getStatus().getPodIP()).startsWith("10.244.0.");
    assertThat(web.getStatus().getHostIP()).isNotBlank();
    assertThat(web.getStatus().getStartTime()).isNotBlank();
    assertThat(condition(web, "Initialized")).isEqualTo("True");
    assertThat(condition(web, "ContainersReady")).isEqualTo("True");
    assertThat(condition(web, "PodScheduled")).isEqualTo("True");
    ContainerStatus main = main(web);
    assertThat(main.getState().getRunning()).isNotNull();
    assertThat(main.getReady()).isTrue();
    assertThat(main.getStarted()).isTrue();
    assertThat(main.getRestartCount()).isZero();
    assertThat(main.getContainerID()).startsWith("simulated://");
    assertThat(main.getImageID()).contains("nginx:1.27");
  }

  @Test
  void aPodWithADurationCompletes() {
    pods.create(pod("job", "node-2", Map.of("sim.capstan.io/duration", "30s")).editSpec().withRestartPolicy("Never").endSpec().build());
    cluster.until(Duration.ofSeconds(5), () -> "Running".equals(cluster.pod("job").getStatus().getPhase()));
    Instant running = cluster.now();
    cluster.until(Duration.ofSeconds(60), Duration.ofMillis(500), () -> "Succeeded".equals(cluster.pod("job").getStatus().getPhase()));
    assertThat(Duration.between(running, cluster.now())).isBetween(Duration.ofSeconds(28), Duration.ofSeconds(33));
    ContainerStatus main = main(cluster.pod("job"));
    assertThat(main.getState().getTerminated().getExitCode()).isZero();
    assertThat(main.getState().getTerminated().getReason()).isEqualTo("Completed");
    assertThat(condition(cluster.pod("job"), "Ready")).isEqualTo("False");
  }

  @Test
  void aFailingPodWithRestartPolicyNeverFails() {
    pods.create(pod("bad", "node-1", Map.of("sim.capstan.io/duration", "2s", "sim.capstan.io/exit-code", "3"))
        .editSpec().withRestartPolicy("Never").endSpec().build());
    cluster.until(Duration.ofSeconds(20), () -> "Failed".equals(cluster.pod("bad").getStatus().getPhase()));
    assertThat(main(cluster.pod("bad")).getState().getTerminated().getExitCode()).isEqualTo(3);
    assertThat(main(cluster.pod("bad")).getRestartCount()).isZero();
  }

  @Test
  void aCrashingContainerBacksOffWithGrowingDelays() {
    pods.create(pod("crash", "node-1", Map.of("sim.capstan.io/duration", "3s", "sim.capstan.io/exit-code", "1")).build());
    List<Long> gaps = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    cluster.until(Duration.ofMinutes(5), Duration.ofSeconds(1), () -> {
      ContainerStatus s = main(cluster.pod("crash"));
      if (s.getState() != null && s.getState().getWaiting() != null && "CrashLoopBackOff".equals(s.getState().getWaiting().getReason())
          && !messages.contains(s.getState().getWaiting().getMessage())) {
        messages.add(s.getState().getWaiting().getMessage());
      }
      if (s.getState() != null && s.getState().getRunning() != null && s.getLastState() != null
          && s.getLastState().getTerminated() != null && gaps.size() < s.getRestartCount()) {
        gaps.add(Duration.between(Instant.parse(s.getLastState().getTerminated().getFinishedAt()),
            Instant.parse(s.getState().getRunning().getStartedAt())).toSeconds());
      }
      return gaps.size() >= 4;
    });
    assertThat(gaps).as("back-off before each restart").containsExactly(10L, 20L, 40L, 80L);
    assertThat(messages.get(0)).startsWith("back-off 10s restarting failed container=main pod=crash_default(");
    assertThat(messages).anyMatch(m -> m.startsWith("back-off 40s"));
    Pod crash = cluster.pod("crash");
    assertThat(crash.getStatus().getPhase()).isEqualTo("Running");
    assertThat(main(crash).getLastState().getTerminated().getExitCode()).isEqualTo(1);
  }

  @Test
  void aFailingLivenessProbeRestartsTheContainer() {
    pods.create(pod("sick", "node-1", Map.of("sim.capstan.io/liveness", "fail-after=5s"))
        .editSpec().editFirstContainer().withNewLivenessProbe().withNewTcpSocket().withNewPort(8080).endTcpSocket()
        .withPeriodSeconds(1).withFailureThreshold(2).endLivenessProbe().endContainer()
        .withTerminationGracePeriodSeconds(1L).endSpec().build());
    cluster.until(Duration.ofSeconds(60), () -> main(cluster.pod("sick")).getRestartCount() != null
        && main(cluster.pod("sick")).getRestartCount() >= 1);
    ContainerStatus s = main(cluster.pod("sick"));
    assertThat(s.getLastState().getTerminated()).isNotNull();
    assertThat(s.getLastState().getTerminated().getExitCode()).as("killed: SIGTERM then SIGKILL").isIn(0, 137);
    assertThat(cluster.pod("sick").getStatus().getPhase()).isEqualTo("Running");
  }

  @Test
  void aFailingReadinessProbeFlipsReadyWithoutARestart() {
    pods.create(pod("flaky", "node-2", Map.of("sim.capstan.io/readiness", "fail-after=20s"))
        .editSpec().editFirstContainer().withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(8080).endHttpGet()
        .withPeriodSeconds(2).withFailureThreshold(1).endReadinessProbe().endContainer().endSpec().build());
    cluster.until(Duration.ofSeconds(10), () -> "True".equals(condition(cluster.pod("flaky"), "Ready")));
    cluster.until(Duration.ofSeconds(40), () -> "False".equals(condition(cluster.pod("flaky"), "Ready")));
    Pod flaky = cluster.pod("flaky");
    assertThat(flaky.getStatus().getPhase()).isEqualTo("Running");
    assertThat(main(flaky).getRestartCount()).isZero();
    assertThat(main(flaky).getReady()).isFalse();
    assertThat(main(flaky).getState().getRunning()).isNotNull();
  }

  @Test
  void deletionWaitsForTheGracePeriodThenRemovesThePod() {
    pods.create(pod("slow", "node-1", Map.of("sim.capstan.io/termination-delay", "forever"))
        .editSpec().withTerminationGracePeriodSeconds(20L).endSpec().build());
    cluster.until(Duration.ofSeconds(10), () -> "Running".equals(cluster.pod("slow").getStatus().getPhase()));
    pods.delete("default", "slow");
    Instant deleted = cluster.now();
    cluster.until(Duration.ofSeconds(10), () -> cluster.pod("slow").getMetadata().getDeletionTimestamp() != null);
    cluster.advance(Duration.ofSeconds(12), Duration.ofMillis(500));
    assertThat(cluster.findPod("slow")).as("still stopping within the grace period").isPresent();
    cluster.until(Duration.ofSeconds(30), () -> cluster.findPod("slow").isEmpty());
    assertThat(Duration.between(deleted, cluster.now())).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(25));
  }

  @Test
  void aPodThatDoesNotFitIsRejectedAsTheKubeletDoes() {
    pods.create(pod("huge", "node-1", Map.of()).editSpec().editFirstContainer().withNewResources()
        .addToRequests("cpu", new Quantity("6")).endResources().endContainer().endSpec().build());
    cluster.until(Duration.ofSeconds(10), () -> "Failed".equals(cluster.pod("huge").getStatus().getPhase()));
    Pod huge = cluster.pod("huge");
    assertThat(huge.getStatus().getReason()).isEqualTo("OutOfcpu");
    assertThat(huge.getStatus().getMessage()).contains("Node didn't have enough resource: cpu, requested: 6000");
  }

  @Test
  void initContainersRunInOrderBeforeTheAppContainers() {
    pods.create(pod("init", "node-2", Map.of("sim.capstan.io/duration.first", "3s", "sim.capstan.io/duration.second", "2s"))
        .editSpec().addNewInitContainer().withName("first").withImage("busybox").endInitContainer()
        .addNewInitContainer().withName("second").withImage("busybox").endInitContainer().endSpec().build());
    cluster.until(Duration.ofSeconds(5), () -> cluster.pod("init").getStatus().getInitContainerStatuses() != null);
    assertThat(cluster.pod("init").getStatus().getPhase()).isEqualTo("Pending");
    assertThat(condition(cluster.pod("init"), "Initialized")).isEqualTo("False");
    cluster.until(Duration.ofSeconds(20), () -> "Running".equals(cluster.pod("init").getStatus().getPhase()));
    Pod pod = cluster.pod("init");
    var first = pod.getStatus().getInitContainerStatuses().get(0).getState().getTerminated();
    var second = pod.getStatus().getInitContainerStatuses().get(1).getState().getTerminated();
    assertThat(first.getReason()).isEqualTo("Completed");
    assertThat(Instant.parse(second.getStartedAt())).isAfterOrEqualTo(Instant.parse(first.getFinishedAt()));
    assertThat(Instant.parse(main(pod).getState().getRunning().getStartedAt())).isAfterOrEqualTo(Instant.parse(second.getFinishedAt()));
    assertThat(condition(pod, "Initialized")).isEqualTo("True");
  }

  @Test
  void logsAreServedByTheApiServerFromTheNode() throws Exception {
    pods.create(pod("talk", "node-1", Map.of("sim.capstan.io/log", "hello\nworld")).build());
    cluster.until(Duration.ofSeconds(10), () -> "Running".equals(cluster.pod("talk").getStatus().getPhase()));
    var all = cluster.get("/api/v1/namespaces/default/pods/talk/log");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body()).isEqualTo("hello\nworld\n");
    assertThat(cluster.get("/api/v1/namespaces/default/pods/talk/log?tailLines=1").body()).isEqualTo("world\n");
    assertThat(cluster.get("/api/v1/namespaces/default/pods/talk/log?timestamps=true").body()).matches("(?s)\\d{4}-.*Z hello\n.*");
    var wrong = cluster.get("/api/v1/namespaces/default/pods/talk/log?container=nope");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("container nope is not valid for pod talk");
    var previous = cluster.get("/api/v1/namespaces/default/pods/talk/log?previous=true");
    assertThat(previous.statusCode()).isEqualTo(400);
    assertThat(previous.body()).contains("previous terminated container");
  }

  @Test
  void restartingTheAgentsKeepsNodesPodsAndAddresses() {
    pods.create(pod("keep", "node-1", Map.of()).build());
    cluster.until(Duration.ofSeconds(10), () -> "Running".equals(cluster.pod("keep").getStatus().getPhase()));
    String ip = cluster.pod("keep").getStatus().getPodIP();
    cluster.host.close();
    cluster.startNodes(2);
    cluster.advance(Duration.ofSeconds(5), Duration.ofMillis(100));
    assertThat(cluster.client.resources(Node.class).list(io.capstan.spi.client.ListOptions.all()).items()).hasSize(2);
    assertThat(cluster.pod("keep").getStatus().getPodIP()).isEqualTo(ip);
    assertThat(cluster.pod("keep").getStatus().getPhase()).isEqualTo("Running");
    pods.create(pod("next", "node-1", Map.of()).build());
    cluster.until(Duration.ofSeconds(10), () -> "Running".equals(cluster.pod("next").getStatus().getPhase()));
    assertThat(cluster.pod("next").getStatus().getPodIP()).isNotEqualTo(ip);
  }

  @Test
  void memoryUsedByContainersDrivesTheNodesMemoryPressure() {
    pods.create(pod("hog", "node-1", Map.of("sim.capstan.io/memory-usage", "15.95Gi")).build());
    cluster.until(Duration.ofSeconds(60), () -> "True".equals(nodeCondition("node-1", "MemoryPressure")));
    assertThat(nodeCondition("node-2", "MemoryPressure")).isEqualTo("False");
    pods.delete("default", "hog");
    cluster.until(Duration.ofSeconds(120), () -> "False".equals(nodeCondition("node-1", "MemoryPressure")));
  }

  private String nodeCondition(String node, String type) {
    return cluster.client.resources(Node.class).get("", node).orElseThrow().getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type)).map(c -> c.getStatus()).findFirst().orElse("");
  }
}
