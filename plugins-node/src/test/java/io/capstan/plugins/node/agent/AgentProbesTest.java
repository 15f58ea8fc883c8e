package io.capstan.plugins.node.agent;

import static io.capstan.plugins.node.agent.SimulatedNodeAgentTest.condition;
import static io.capstan.plugins.node.agent.SimulatedNodeAgentTest.main;
import static io.capstan.plugins.node.agent.SimulatedNodeAgentTest.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.capstan.plugins.node.simulated.SimulatedRuntime;
import io.capstan.plugins.node.simulated.SimulatedRuntimeConfig;
import io.capstan.spi.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes the runtime leaves to the node agent (a CRI-style runtime: {@code probe} answers empty):
 * the agent's own httpGet and tcpSocket checks against real sockets decide readiness and liveness,
 * and an exec probe it cannot run gives no result, as in the kubelet (never ready, never killed).
 */
class AgentProbesTest {

  @TempDir Path dir;
  private SimulatedCluster cluster;
  private ResourceClient<Pod> pods;
  private HttpServer http;
  private final AtomicInteger status = new AtomicInteger(200);

  @BeforeEach
  void start() throws Exception {
    cluster = new SimulatedCluster(dir);
    cluster.startNodes(1, () -> new ProbelessRuntime(
        new SimulatedRuntime(SimulatedRuntimeConfig.defaults(), cluster.executor.clock(), cluster.executor)));
    pods = cluster.client.resources(Pod.class);
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/ready", exchange -> {
      exchange.sendResponseHeaders(status.get(), -1);
      exchange.close();
    });
    http.start();
  }

  @AfterEach
  void stop() throws Exception {
    http.stop(0);
    cluster.close();
  }

  @Test
  void theAgentsHttpGetReadinessProbeAgainstARealServerDrivesReady() {
    int port = http.getAddress().getPort();
    pods.create(pod("web", "node-1", Map.of()).editSpec().editFirstContainer()
        .addNewPort().withName("http").withContainerPort(port).endPort()
        .withNewReadinessProbe().withNewHttpGet().withHost("127.0.0.1").withPath("/ready").withNewPort("http").endHttpGet()
        .withPeriodSeconds(1).withFailureThreshold(1).endReadinessProbe().endContainer().endSpec().build());
    cluster.until(Duration.ofMinutes(5), () -> "True".equals(condition(cluster.pod("web"), "Ready")));
    status.set(503);
    cluster.until(Duration.ofMinutes(5), () -> "False".equals(condition(cluster.pod("web"), "Ready")));
    Pod web = cluster.pod("web");
    assertThat(web.getStatus().getPhase()).isEqualTo("Running");
    assertThat(main(web).getRestartCount()).as("readiness never restarts").isZero();
    status.set(200);
    cluster.until(Duration.ofMinutes(5), () -> "True".equals(condition(cluster.pod("web"), "Ready")));
  }

  @Test
  void theAgentsTcpLivenessProbeRestartsTheContainerOnceThePortCloses() throws Exception {
    ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    int port = listening.getLocalPort();
    pods.create(pod("db", "node-1", Map.of()).editSpec().editFirstContainer()
        .withNewLivenessProbe().withNewTcpSocket().withHost("127.0.0.1").withNewPort(port).endTcpSocket()
        .withPeriodSeconds(1).withFailureThreshold(2).endLivenessProbe().endContainer()
        .withTerminationGracePeriodSeconds(1L).endSpec().build());
    cluster.until(Duration.ofMinutes(1), () -> "Running".equals(cluster.pod("db").getStatus().getPhase()));
    cluster.advance(Duration.ofSeconds(10), Duration.ofMillis(200));
    assertThat(main(cluster.pod("db")).getRestartCount()).as("the port answers: alive").isZero();
    listening.close();
    cluster.until(Duration.ofMinutes(5), () -> main(cluster.pod("db")).getRestartCount() != null
        && main(cluster.pod("db")).getRestartCount() >= 1);
    assertThat(main(cluster.pod("db")).getLastState().getTerminated()).isNotNull();
  }

  @Test
  void anExecProbeTheRuntimeCannotRunLeavesThePodNotReadyAndAlive() {
    pods.create(pod("exec", "node-1", Map.of()).editSpec().editFirstContainer()
        .withNewReadinessProbe().withNewExec().withCommand("true").endExec().withPeriodSeconds(1).endReadinessProbe()
        .withNewLivenessProbe().withNewExec().withCommand("false").endExec().withPeriodSeconds(1).withFailureThreshold(1)
        .endLivenessProbe().endContainer().endSpec().build());
    cluster.until(Duration.ofMinutes(1), () -> "Running".equals(cluster.pod("exec").getStatus().getPhase()));
    cluster.advance(Duration.ofSeconds(30), Duration.ofMillis(500));
    Pod pod = cluster.pod("exec");
    assertThat(condition(pod, "Ready")).as("no readiness result: not ready").isEqualTo("False");
    assertThat(main(pod).getRestartCount()).as("no liveness result: never killed").isZero();
    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
  }
}
