package io.capstan.plugins.dns.clusterdns;

import static io.capstan.tck.dns.DnsQueries.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.dns.DnsService;
import io.capstan.spi.dns.DnsSettings;
import io.capstan.tck.dns.DnsQueries;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Names outside the cluster zone go to the upstream resolvers (CoreDNS's {@code forward}), against
 * fake upstreams on 127.0.0.1: the answer comes back to the client, a dead upstream is skipped for
 * the next, SERVFAIL when none answers, unknown reverse names fall through, cluster names never
 * leave, a slow upstream holds up no cluster answer, and the default upstreams are resolv.conf's.
 */
class ClusterDnsForwardingTest {

  @TempDir
  Path dir;

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private DnsQueries serve(List<String> upstreams, Duration timeout) throws Exception {
    ClusterDnsServer server = new ClusterDnsServer(new ClusterDnsConfig(null, null, null, upstreams, null, timeout));
    closing.add(server::close);
    InetSocketAddress address = server.listen(new DnsSettings("127.0.0.1", 0, "cluster.local")).get(0);
    server.update(DnsService.clusterIp("default", "web", "10.96.0.20"));
    return new DnsQueries(address);
  }

  private FakeUpstream upstream(String address, boolean silent, boolean held) throws Exception {
    FakeUpstream upstream = new FakeUpstream(address, silent, held);
    closing.add(upstream);
    return upstream;
  }

  @Test
  void namesOutsideTheClusterAreAnsweredByTheUpstreamAndClusterNamesNeverLeave() throws Exception {
    FakeUpstream upstream = upstream("93.184.216.34", false, false);
    DnsQueries dns = serve(List.of(upstream.spec()), Duration.ofSeconds(2));
    Message answer = dns.udp("www.example.com", Type.A);
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(data(answer)).containsExactly("93.184.216.34");
    assertThat(data(dns.tcp("api.example.org", Type.A))).containsExactly("93.184.216.34"); // a TCP client too (forwarded over UDP)
    assertThat(data(dns.udp("web.default.svc.cluster.local", Type.A))).containsExactly("10.96.0.20");
    assertThat(dns.udp("nope.default.svc.cluster.local", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(data(dns.udp("20.0.96.10.in-addr.arpa", Type.PTR))).containsExactly("web.default.svc.cluster.local.");
    assertThat(upstream.asked).containsExactly("www.example.com.", "api.example.org.");
  }

  @Test
  void reverseNamesTheClusterDoesNotKnowFallThroughToTheUpstream() throws Exception {
    FakeUpstream upstream = upstream("192.0.2.1", false, false);
    DnsQueries dns = serve(List.of(upstream.spec()), Duration.ofSeconds(2));
    assertThat(data(dns.udp("8.8.8.8.in-addr.arpa", Type.PTR))).containsExactly("ptr.example.");
    assertThat(upstream.asked).containsExactly("8.8.8.8.in-addr.arpa.");
  }

  @Test
  void aDeadUpstreamIsSkippedAndWhenAllFailTheClientGetsServfail() throws Exception {
    FakeUpstream dead = upstream("0.0.0.0", true, false);
    FakeUpstream alive = upstream("198.51.100.7", false, false);
    DnsQueries dns = serve(List.of(dead.spec(), alive.spec()), Duration.ofMillis(300));
    assertThat(data(dns.udp("www.example.com", Type.A))).containsExactly("198.51.100.7");
    assertThat(dead.asked).containsExactly("www.example.com.");

    DnsQueries deadOnly = serve(List.of(dead.spec()), Duration.ofMillis(300));
    Message failed = deadOnly.udp("www.example.net", Type.A);
    assertThat(failed.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(failed.getQuestion().getName().toString()).isEqualTo("www.example.net.");
  }

  @Test
  void aSlowUpstreamHoldsUpNoClusterAnswer() throws Exception {
    FakeUpstream slow = upstream("203.0.113.9", false, true);
    DnsQueries dns = serve(List.of(slow.spec()), Duration.ofSeconds(10));
    CompletableFuture<Message> forwarded = CompletableFuture.supplyAsync(() -> {
      try {
        return dns.udp("slow.example.com", Type.A);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> slow.asked.contains("slow.example.com."));
    assertThat(data(dns.udp("web.default.svc.cluster.local", Type.A))).containsExactly("10.96.0.20");
    assertThat(forwarded).isNotDone(); // the upstream still holds its answer
    slow.release();
    assertThat(data(forwarded.get())).containsExactly("203.0.113.9");
  }

  @Test
  void theDefaultUpstreamsAreTheNameserversOfResolvConfAndWithoutThemOtherNamesAreRefused() throws Exception {
    Path resolvConf = Files.writeString(dir.resolve("resolv.conf"),
        "# generated\nsearch corp.example\nnameserver 10.0.0.53\nnameserver 2001:db8::53\noptions ndots:5\n");
    assertThat(Upstreams.fromResolvConf(resolvConf)).extracting(InetSocketAddress::toString)
        .containsExactly("/10.0.0.53:53", "/[2001:db8:0:0:0:0:0:53]:53");
    assertThat(Upstreams.of(new ClusterDnsConfig(null, null, null, null, resolvConf.toString(), null))).hasSize(2);

    ClusterDnsServer server = new ClusterDnsServer(
        new ClusterDnsConfig(null, null, null, null, dir.resolve("missing.conf").toString(), null));
    closing.add(server::close);
    DnsQueries dns = new DnsQueries(server.listen(new DnsSettings("127.0.0.1", 0, "cluster.local")).get(0));
    assertThat(dns.udp("www.example.com", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
  }
}
