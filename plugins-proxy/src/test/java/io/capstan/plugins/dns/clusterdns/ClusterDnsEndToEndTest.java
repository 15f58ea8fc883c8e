package io.capstan.plugins.dns.clusterdns;

import static io.capstan.tck.dns.DnsQueries.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.proxy.userspace.ApiFixture;
import io.capstan.runtime.dns.DnsHost;
import io.capstan.spi.dns.DnsSettings;
import io.capstan.tck.dns.DnsQueries;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * What {@code capstan up} wires for the {@code dns} component: Services and Endpoints written to a
 * real in-process API server, the DNS host feeding the {@code cluster-dns} plugin from informers,
 * and queries over real sockets with dnsjava's resolver and, where installed, {@code dig}.
 */
class ClusterDnsEndToEndTest {

  @TempDir
  Path dir;

  private final List<AutoCloseable> closing = new ArrayList<>();
  private ApiFixture api;
  private DnsHost host;
  private DnsQueries query;

  @BeforeEach
  void start() throws Exception {
    api = closeLater(new ApiFixture(dir));
    ClusterDnsServer dns = closeLater(new ClusterDnsServer(ClusterDnsConfig.defaults()));
    dns.start();
    host = closeLater(new DnsHost(api.informers, dns, new DnsSettings("127.0.0.1", 0, "cluster.local")));
    host.start();
    api.informers.start();
    query = new DnsQueries(host.addresses().get(0));
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    closing.add(resource);
    return resource;
  }

  @Test
  void servicesResolveAsTheyAreCreatedChangedAndDeleted() throws Exception {
    Service web = api.create(ApiFixture.service("web").editSpec()
        .addNewPort().withName("http").withPort(80).endPort().endSpec().build());
    String ip = web.getSpec().getClusterIP();
    await().atMost(Duration.ofSeconds(10)).until(() -> data(query.udp("web.default.svc.cluster.local", Type.A)),
        a -> a.equals(List.of(ip)));
    assertThat(data(query.tcp("_http._tcp.web.default.svc.cluster.local", Type.SRV)))
        .containsExactly("0 100 80 web.default.svc.cluster.local.");
    assertThat(data(query.udp("kubernetes.default.svc.cluster.local", Type.A))).containsExactly("10.96.0.1");

    api.client.resources(Service.class).delete("default", "web");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> query.udp("web.default.svc.cluster.local", Type.A).getRcode() == Rcode.NXDOMAIN);
  }

  @Test
  void headlessServicesPublishReadyEndpointsAndHostnames() throws Exception {
    api.create(ApiFixture.service("db").editSpec().withClusterIP("None")
        .addNewPort().withName("mysql").withPort(3306).endPort().endSpec().build());
    await().atMost(Duration.ofSeconds(10))
        .until(() -> query.udp("db.default.svc.cluster.local", Type.A).getRcode() == Rcode.NXDOMAIN);
    api.client.resources(Endpoints.class).create(new EndpointsBuilder()
        .withNewMetadata().withName("db").withNamespace("default").endMetadata()
        .addNewSubset()
        .addToAddresses(new EndpointAddressBuilder().withIp("10.244.1.5").withHostname("db-0").build(),
            new EndpointAddressBuilder().withIp("10.244.2.6").withHostname("db-1").build())
        .addToNotReadyAddresses(new EndpointAddressBuilder().withIp("10.244.3.7").withHostname("db-2").build())
        .addNewPort().withName("mysql").withPort(3306).withProtocol("TCP").endPort()
        .endSubset().build());
    await().atMost(Duration.ofSeconds(10)).until(() -> data(query.udp("db.default.svc.cluster.local", Type.A)),
        a -> a.equals(List.of("10.244.1.5", "10.244.2.6")));
    assertThat(data(query.udp("db-1.db.default.svc.cluster.local", Type.A))).containsExactly("10.244.2.6");
    assertThat(query.udp("db-2.db.default.svc.cluster.local", Type.A).getRcode()).as("not ready").isEqualTo(Rcode.NXDOMAIN);
    assertThat(data(query.udp("_mysql._tcp.db.default.svc.cluster.local", Type.SRV))).containsExactly(
        "0 50 3306 db-0.db.default.svc.cluster.local.", "0 50 3306 db-1.db.default.svc.cluster.local.");
  }

  @Test
  void externalNameServicesAreCnames() throws Exception {
    api.create(ApiFixture.service("ext").editSpec().withType("ExternalName").withExternalName("www.example.com")
        .withSelector(null).endSpec().build());
    await().atMost(Duration.ofSeconds(10)).until(() -> data(query.udp("ext.default.svc.cluster.local", Type.CNAME)),
        a -> a.equals(List.of("www.example.com.")));
  }

  @Test
  void digGetsTheSameAnswersOverUdpAndTcp() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dig")),
        "dig is not installed (Debian package dnsutils; .ci/install-deps.sh installs it)");
    Service web = api.create(ApiFixture.service("web").editSpec()
        .addNewPort().withName("http").withPort(80).endPort().endSpec().build());
    InetSocketAddress at = host.addresses().get(0);
    await().atMost(Duration.ofSeconds(10)).until(() -> dig(at, "web.default.svc.cluster.local"),
        out -> out.equals(web.getSpec().getClusterIP()));
    assertThat(dig(at, "+tcp", "web.default.svc.cluster.local")).isEqualTo(web.getSpec().getClusterIP());
    assertThat(dig(at, "kubernetes.default.svc.cluster.local")).isEqualTo("10.96.0.1");
    assertThat(dig(at, "SRV", "_http._tcp.web.default.svc.cluster.local"))
        .isEqualTo("0 100 80 web.default.svc.cluster.local.");
    String full = dig(at, "nope.default.svc.cluster.local", "-noshort");
    assertThat(full).contains("status: NXDOMAIN").contains("flags: qr aa rd");
  }

  /** {@code dig @address -p port +short ARGS}, its output trimmed. */
  private static String dig(InetSocketAddress at, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("/usr/bin/dig", "@" + at.getAddress().getHostAddress(),
        "-p", String.valueOf(at.getPort()), "+time=2", "+tries=1"));
    boolean noShort = List.of(args).contains("-noshort");
    if (!noShort) {
      command.add("+short");
    }
    List.of(args).stream().filter(a -> !a.equals("-noshort")).forEach(command::add);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8).trim();
  }
}
