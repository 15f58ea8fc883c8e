package io.capstan.plugins.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.ServiceType;
import io.capstan.spi.proxy.SessionAffinity;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
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

/** The userspace proxy relaying real UDP datagrams to real UDP echo backends on loopback. */
class UserspaceUdpTest {

  private static final ServicePortName DNS = new ServicePortName("kube-system", "dns", "dns");

  @TempDir
  Path dir;

  private UdpEcho a;
  private UdpEcho b;
  private UserspaceProxy proxy;
  private final List<DatagramSocket> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    a = new UdpEcho("a");
    b = new UdpEcho("b");
    proxy = new UserspaceProxy(new UserspaceProxyConfig("127.0.0.1", dir.resolve("ports.tsv").toString(), null,
        Duration.ofSeconds(10)), new WallClock());
    proxy.start();
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(DatagramSocket::close);
    proxy.close();
    a.close();
    b.close();
  }

  private static ServiceInfo udp(SessionAffinity affinity) {
    return new ServiceInfo(DNS, ServiceType.CLUSTER_IP, "10.96.0.10", 53, "UDP", 0, affinity,
        affinity == SessionAffinity.CLIENT_IP ? Duration.ofMinutes(10) : Duration.ZERO, List.of(), List.of(), false);
  }

  private static EndpointInfo ready(UdpEcho echo) {
    return EndpointInfo.ready("127.0.0.1", echo.port(), "n1");
  }

  private void sync(ServiceInfo info, EndpointInfo... endpoints) throws Exception {
    proxy.sync(new ProxyState(Map.of(DNS, info), Map.of(DNS, List.of(endpoints)), "n1"));
  }

  private DatagramSocket client() throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setSoTimeout(2000);
    clients.add(socket);
    return socket;
  }

  /** Sends {@code payload} to the service port and returns the reply (or "timeout"). */
  private String exchange(DatagramSocket client, String payload) throws IOException {
    InetSocketAddress address = proxy.address(DNS).orElseThrow();
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    client.send(new DatagramPacket(bytes, bytes.length, address));
    DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
    try {
      client.receive(reply);
    } catch (SocketTimeoutException e) {
      return "timeout";
    }
    assertThat(reply.getSocketAddress()).as("replies come from the service port").isEqualTo(address);
    return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
  }

  @Test
  void datagramsOfOneClientStayInItsSessionAndNewClientsGoRoundRobin() throws Exception {
    sync(udp(SessionAffinity.NONE), ready(a), ready(b));
    DatagramSocket first = client();
    String backend = exchange(first, "q1").split(":")[0];
    for (int i = 2; i <= 5; i++) {
      assertThat(exchange(first, "q" + i)).as("same session, same endpoint").isEqualTo(backend + ":q" + i);
    }
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      others.add(exchange(client(), "x").split(":")[0]);
    }
    assertThat(others).containsOnly("a", "b").contains("a", "b");
    assertThat(proxy.openConnections(DNS)).isEqualTo(5);
    assertThat(Files.readString(dir.resolve("ports.tsv"))).contains("kube-system/dns:dns\t10.96.0.10:53\t127.0.0.1:")
        .contains("\tUDP");
  }

  @Test
  void clientIpAffinityPinsEveryClientSocketOfOneAddressToOneEndpoint() throws Exception {
    sync(udp(SessionAffinity.CLIENT_IP), ready(a), ready(b));
    String pinned = exchange(client(), "hello").split(":")[0];
    for (int i = 0; i < 6; i++) {
      assertThat(exchange(client(), "again").split(":")[0]).isEqualTo(pinned);
    }
  }

  @Test
  void idleSessionsExpireAndLargeDatagramsPassWhole() throws Exception {
    proxy.close();
    proxy = new UserspaceProxy(new UserspaceProxyConfig("127.0.0.1", "", null, Duration.ofMillis(300)), new WallClock());
    proxy.start();
    sync(udp(SessionAffinity.NONE), ready(a));
    DatagramSocket client = client();
    String big = "x".repeat(8000);
    assertThat(exchange(client, big)).isEqualTo("a:" + big);
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections(DNS) == 0);
    assertThat(exchange(client, "back")).isEqualTo("a:back");
    assertThat(a.sources).as("a new session uses a new socket").hasSize(2);
  }

  @Test
  void endpointChangesMoveSessionsOffRemovedEndpointsAndNoEndpointMeansNoAnswer() throws Exception {
    sync(udp(SessionAffinity.NONE), ready(a));
    DatagramSocket client = client();
    assertThat(exchange(client, "1")).isEqualTo("a:1");
    sync(udp(SessionAffinity.NONE), ready(b));
    assertThat(exchange(client, "2")).isEqualTo("b:2");
    sync(udp(SessionAffinity.NONE));
    assertThat(exchange(client, "3")).isEqualTo("timeout");
    assertThat(proxy.openConnections(DNS)).isZero();
  }

  @Test
  void aTcpPortAndAUdpPortOfTheSameNameSwapCleanly() throws Exception {
    sync(udp(SessionAffinity.NONE), ready(a));
    assertThat(exchange(client(), "u")).isEqualTo("a:u");
    proxy.sync(new ProxyState(Map.of(DNS, ServiceInfo.clusterIp(DNS, "10.96.0.10", 53)), Map.of(), "n1"));
    assertThat(Files.readString(dir.resolve("ports.tsv"))).contains("\tTCP");
    sync(udp(SessionAffinity.NONE), ready(b));
    assertThat(exchange(client(), "v")).isEqualTo("b:v");
  }
}
