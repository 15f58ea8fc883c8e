package io.capstan.plugins.dns.clusterdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.dns.ClusterDns;
import io.capstan.spi.dns.ClusterDnsFactory;
import io.capstan.spi.dns.DnsPort;
import io.capstan.spi.dns.DnsService;
import io.capstan.spi.dns.DnsSettings;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.dns.DnsQueries;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** The {@code cluster-dns} plugin built the way the kernel builds it, from a settings map. */
class ClusterDnsPluginTest extends io.capstan.tck.plugin.AbstractPluginTest<ClusterDnsConfig> {

  @Override
  protected PluginFactory<ClusterDnsConfig> factory() {
    return new ClusterDnsPluginFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return ClusterDnsFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(ClusterDns.class);
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of("ttl", "30s", "tcpIdleTimeout", "2s", "maxTcpConnections", 4, "upstreams", List.of(),
        "resolvConf", "/etc/resolv.conf", "upstreamTimeout", "500ms");
  }

  @Test
  void settingsMapOntoEveryField() {
    ClusterDnsConfig config = bindSettings(settings());
    assertThat(config.ttl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.tcpIdleTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.maxTcpConnections()).isEqualTo(4);
    assertThat(config.upstreams()).isEmpty();
    assertThat(config.upstreamTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(bindSettings(Map.of("upstreams", List.of("10.0.0.10", "[::1]:5300"))).upstreams())
        .containsExactly("10.0.0.10", "[::1]:5300");
    assertThat(ClusterDnsConfig.defaults().upstreams()).isNull(); // from resolv.conf
    assertThat(ClusterDnsConfig.defaults().resolvConf()).isEqualTo("/etc/resolv.conf");
    assertThat(bindSettings(Map.of())).isEqualTo(ClusterDnsConfig.defaults());
    assertThat(ClusterDnsConfig.defaults().ttl()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void badSettingsSayWhatIsAllowed() {
    assertThatThrownBy(() -> new ClusterDnsConfig(Duration.ofHours(2), null, null))
        .hasMessageContaining("dns.cluster-dns.ttl must be 0s-3600s");
    assertThatThrownBy(() -> new ClusterDnsConfig(null, null, 0))
        .hasMessageContaining("maxTcpConnections must be at least 1");
    assertThatThrownBy(() -> new ClusterDnsConfig(null, null, null, List.of("dns.example"), null, null))
        .hasMessageContaining("'dns.example' is not an IP address");
    assertThatThrownBy(() -> new ClusterDnsConfig(null, null, null, List.of("10.0.0.1:99999"), null, null))
        .hasMessageContaining("'10.0.0.1:99999' is not an IP address");
    assertThatThrownBy(() -> new ClusterDnsConfig(null, null, null, null, null, Duration.ZERO))
        .hasMessageContaining("upstreamTimeout must be positive");
    assertThatThrownBy(() -> new DnsSettings("127.0.0.1", 70000, "cluster.local"))
        .hasMessageContaining("dns.port must be 0-65535");
    assertThat(new DnsSettings("127.0.0.1", 0, "Cluster.Local.").zone()).isEqualTo("cluster.local");
  }

  @Test
  void configuredTtlIsServedAndAnotherZoneIsHonoured() throws Exception {
    ClusterDnsServer server = new ClusterDnsServer(bindSettings(settings()));
    server.start();
    try {
      InetSocketAddress address = server.listen(new DnsSettings("127.0.0.1", 0, "corp.example")).get(0);
      server.update(DnsService.clusterIp("ns1", "api", "10.0.0.7", DnsPort.tcp("https", 443)));
      DnsQueries query = new DnsQueries(address);
      var answer = query.udp("api.ns1.svc.corp.example", Type.A);
      assertThat(DnsQueries.data(answer)).containsExactly("10.0.0.7");
      assertThat(DnsQueries.answers(answer).get(0).getTTL()).isEqualTo(30);
      assertThat(query.udp("api.ns1.svc.cluster.local", Type.A).getRcode()).isEqualTo(org.xbill.DNS.Rcode.REFUSED);
    } finally {
      server.close();
    }
  }

  @Test
  void malformedQueriesGetFormerrOrNothingAndTheServerKeepsAnswering() throws Exception {
    ClusterDnsServer server = new ClusterDnsServer(ClusterDnsConfig.defaults());
    try (java.net.DatagramSocket client = new java.net.DatagramSocket()) {
      InetSocketAddress address = server.listen(new DnsSettings("127.0.0.1", 0, "cluster.local")).get(0);
      server.update(DnsService.clusterIp("default", "web", "10.96.0.20"));
      client.setSoTimeout(3000);
      // a header (id 0x1234, one question) followed by a truncated question
      byte[] junk = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 'w', 'e'};
      client.send(new java.net.DatagramPacket(junk, junk.length, address));
      java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[512], 512);
      client.receive(reply);
      org.xbill.DNS.Message response = new org.xbill.DNS.Message(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
      assertThat(response.getHeader().getID()).isEqualTo(0x1234);
      assertThat(response.getRcode()).isEqualTo(org.xbill.DNS.Rcode.FORMERR);
      byte[] tooShort = {1, 2, 3};
      client.send(new java.net.DatagramPacket(tooShort, tooShort.length, address));
      assertThat(DnsQueries.data(new DnsQueries(address).udp("web.default.svc.cluster.local", Type.A)))
          .containsExactly("10.96.0.20");
    } finally {
      server.close();
    }
  }

  @Test
  void aTakenPortIsReportedWithWhatToDo() throws Exception {
    ClusterDnsServer first = new ClusterDnsServer(ClusterDnsConfig.defaults());
    ClusterDnsServer second = new ClusterDnsServer(ClusterDnsConfig.defaults());
    try {
      int port = first.listen(new DnsSettings("127.0.0.1", 0, "cluster.local")).get(0).getPort();
      assertThatThrownBy(() -> second.listen(new DnsSettings("127.0.0.1", port, "cluster.local")))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot listen on")
          .hasMessageContaining("set dns.port");
      assertThat(second.addresses()).isEmpty();
    } finally {
      first.close();
      second.close();
    }
  }
}
