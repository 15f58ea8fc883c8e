package io.capstan.plugins.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.ServiceType;
import io.capstan.spi.proxy.SessionAffinity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The userspace proxy carrying real HTTP to real backends on loopback. */
class UserspaceProxyTest {

  private static final ServicePortName WEB = new ServicePortName("default", "web", "http");

  @TempDir
  Path dir;

  private Backend a;
  private Backend b;
  private UserspaceProxy proxy;

  @BeforeEach
  void start() throws Exception {
    a = new Backend("a");
    b = new Backend("b");
    proxy = new UserspaceProxy(new UserspaceProxyConfig("127.0.0.1", dir.resolve("ports.tsv").toString(), null),
        new WallClock());
    proxy.start();
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    a.close();
    b.close();
  }

  private static EndpointInfo ready(Backend backend) {
    return EndpointInfo.ready("127.0.0.1", backend.port(), "n1");
  }

  private static EndpointInfo notReady(Backend backend) {
    return new EndpointInfo("127.0.0.1", backend.port(), false, false, false, "n1", "");
  }

  private void sync(ServiceInfo info, EndpointInfo... endpoints) throws Exception {
    proxy.sync(new ProxyState(Map.of(WEB, info), Map.of(WEB, List.of(endpoints)), "n1"));
  }

  private List<String> requests(int n) throws IOException {
    InetSocketAddress address = proxy.address(WEB).orElseThrow();
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      answers.add(HttpOverSocket.get(address));
    }
    return answers;
  }

  @Test
  void trafficIsSpreadRoundRobinOverTheReadyEndpoints() throws Exception {
    sync(ServiceInfo.clusterIp(WEB, "10.96.0.10", 80), ready(a), ready(b));
    List<String> answers = requests(20);
    assertThat(answers).filteredOn("a"::equals).hasSize(10);
    assertThat(answers).filteredOn("b"::equals).hasSize(10);
  }

  @Test
  void clientIpAffinityKeepsAClientOnOneEndpoint() throws Exception {
    sync(new ServiceInfo(WEB, ServiceType.CLUSTER_IP, "10.96.0.10", 80, "TCP", 0, SessionAffinity.CLIENT_IP,
        Duration.ofMinutes(5), List.of(), List.of(), false), ready(a), ready(b));
    List<String> answers = requests(12);
    assertThat(answers).containsOnly(answers.get(0));
  }

  @Test
  void anEndpointThatTurnsNotReadyGetsNoNewConnectionsOnceSynced() throws Exception {
    sync(ServiceInfo.clusterIp(WEB, "10.96.0.10", 80), ready(a), ready(b));
    assertThat(requests(4)).contains("a", "b");
    sync(ServiceInfo.clusterIp(WEB, "10.96.0.10", 80), ready(a), notReady(b));
    assertThat(requests(10)).containsOnly("a");
  }

  @Test
  void anOpenConnectionSurvivesEndpointChurnAndServiceRemovalStopsNewOnes() throws Exception {
    sync(ServiceInfo.clusterIp(WEB, "10.96.0.10", 80), ready(a));
    InetSocketAddress address = proxy.address(WEB).orElseThrow();
    try (HttpOverSocket open = new HttpOverSocket(address)) {
      assertThat(open.request()).isEqualTo("a");
      sync(ServiceInfo.clusterIp(WEB, "10.96.0.10", 80), ready(b));
      sync(ServiceInfo.clusterIp(WEB, "10.96.0.10", 80));
      assertThat(open.request()).isEqualTo("a");
      sync(ServiceInfo.clusterIp(WEB, "10.96.0.10", 80), ready(b));
      assertThat(HttpOverSocket.get(address)).isEqualTo("b");
      assertThat(proxy.address(WEB)).contains(address); // the mapping is stable while the service exists
      assertThat(open.request()).isEqualTo("a");
      assertThat(proxy.openConnections(WEB)).isEqualTo(1);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections(WEB) == 0);
    proxy.sync(ProxyState.empty("n1"));
    assertThat(proxy.address(WEB)).isEmpty();
    assertThatThrownBy(() -> HttpOverSocket.get(address)).isInstanceOf(IOException.class);
  }

  @Test
  void aRefusedConnectIsRetriedOnAnotherEndpoint() throws Exception {
    int dead;
    try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      dead = closed.getLocalPort();
    }
    EndpointInfo gone = EndpointInfo.ready("127.0.0.1", dead, "n1");
    sync(ServiceInfo.clusterIp(WEB, "10.96.0.10", 80), gone, ready(a));
    assertThat(requests(6)).containsOnly("a");
  }

  @Test
  void withoutEndpointsConnectionsAreClosedAndTheMappingIsPublishedInTheFile() throws Exception {
    sync(ServiceInfo.clusterIp(WEB, "10.96.0.10", 80));
    InetSocketAddress address = proxy.address(WEB).orElseThrow();
    assertThatThrownBy(() -> HttpOverSocket.get(address)).isInstanceOf(IOException.class);
    assertThat(Files.readAllLines(dir.resolve("ports.tsv")))
        .contains("default/web:http\t10.96.0.10:80\t127.0.0.1:" + address.getPort() + "\tTCP");
  }
}
