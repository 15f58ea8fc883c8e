package io.capstan.plugins.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ProbeKind;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Probes the process runtime runs itself: exec in the container's environment, tcpSocket, httpGet. */
class ProcessProbesTest extends ProcessRuntimeFixture {

  private static Probe exec(String script) {
    return new ProbeBuilder().withNewExec().withCommand("/bin/sh", "-c", script).endExec().withTimeoutSeconds(2).build();
  }

  @Test
  void execProbesRunWithTheContainersEnvironmentAndWorkingDirectory() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("probed"));
    String id = start(runtime, sandbox, new ContainerConfig("app", 0, "shell", List.of("/bin/sh", "-c"),
        List.of("touch healthy; exec sleep 300"), Map.of("MODE", "ok"), "", Map.of(), Map.of()));
    Probe healthy = exec("test \"$MODE\" = ok && test -f healthy");
    Probe failing = exec("exit 1");
    assertThat(runtime.probe(id, ProbeKind.READINESS, healthy)).as("readiness before any result").contains(false);
    assertThat(runtime.probe(id, ProbeKind.LIVENESS, failing)).as("liveness before any result").contains(true);
    soon().untilAsserted(() -> {
      assertThat(runtime.probe(id, ProbeKind.READINESS, healthy)).contains(true);
      assertThat(runtime.probe(id, ProbeKind.LIVENESS, failing)).contains(false);
    });
    Probe hangs = new ProbeBuilder().withNewExec().withCommand("/bin/sh", "-c", "exec sleep 300").endExec()
        .withTimeoutSeconds(1).build();
    assertThat(runtime.probe(id, ProbeKind.STARTUP, hangs)).contains(false);
    soon().untilAsserted(() -> assertThat(runtime.probe(id, ProbeKind.STARTUP, hangs)).contains(false));
    runtime.stopContainer(id, java.time.Duration.ZERO);
    awaitExit(runtime, id);
    assertThat(runtime.probe(id, ProbeKind.READINESS, healthy)).as("an exited container").contains(false);
  }

  @Test
  void tcpAndHttpProbesReachThePodAddress() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("net"));
    String id = start(runtime, sandbox, sh("app", "exec sleep 300"));
    var server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/healthz", x -> {
      x.sendResponseHeaders(x.getRequestURI().getQuery() == null ? 200 : 503, -1);
      x.close();
    });
    server.start();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try {
      int port = server.getAddress().getPort();
      Probe tcp = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket().build();
      Probe tcpClosed = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(closedPort)).endTcpSocket().build();
      Probe http = new ProbeBuilder().withNewHttpGet().withPath("/healthz").withPort(new IntOrString(port)).endHttpGet().build();
      Probe http503 = new ProbeBuilder().withNewHttpGet().withPath("/healthz?fail").withPort(new IntOrString(port))
          .endHttpGet().build();
      Probe named = new ProbeBuilder().withNewHttpGet().withPath("/").withPort(new IntOrString("http")).endHttpGet().build();
      soon().untilAsserted(() -> {
        assertThat(runtime.probe(id, ProbeKind.READINESS, tcp)).contains(true);
        assertThat(runtime.probe(id, ProbeKind.LIVENESS, tcpClosed)).contains(false);
        assertThat(runtime.probe(id, ProbeKind.STARTUP, http)).contains(true);
      });
      String other = start(runtime, sandbox, sh("other", "exec sleep 300"));
      soon().untilAsserted(() -> {
        assertThat(runtime.probe(other, ProbeKind.LIVENESS, http503)).contains(false);
        assertThat(runtime.probe(other, ProbeKind.READINESS, named)).isEqualTo(Optional.of(false));
      });
    } finally {
      server.stop(0);
    }
  }
}
