package io.capstan.tck.dns;

import static io.capstan.tck.dns.DnsQueries.answers;
import static io.capstan.tck.dns.DnsQueries.data;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.dns.ClusterDns;
import io.capstan.spi.dns.DnsEndpoint;
import io.capstan.spi.dns.DnsPort;
import io.capstan.spi.dns.DnsService;
import io.capstan.spi.dns.DnsSettings;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * What every cluster DNS plugin must answer, queried over real UDP and TCP sockets with dnsjava's
 * resolver: the Kubernetes DNS specification's records (ClusterIP A, SRV for named ports, headless
 * A per ready endpoint and per hostname, ExternalName CNAME, PTR), NXDOMAIN versus NODATA with
 * the zone's SOA, case-insensitive names, truncation over UDP with the full answer over TCP, live
 * updates and removal. Subclasses build the plugin; the base starts it on a free port.
 */
public abstract class AbstractClusterDnsConformanceTest {

  protected static final String ZONE = "cluster.local";

  protected ClusterDns dns;
  protected DnsQueries query;

  /** A new plugin instance, not started. */
  protected abstract ClusterDns newDns() throws Exception;

  /** The TTL the plugin is configured with in {@link #newDns()}, in seconds. */
  protected long expectedTtl() {
    return 5;
  }

  @BeforeEach
  void startDns() throws Exception {
    dns = newDns();
    dns.start();
    List<InetSocketAddress> addresses = dns.listen(new DnsSettings("127.0.0.1", 0, ZONE));
    assertThat(addresses).hasSize(1);
    assertThat(addresses.get(0).getPort()).isPositive();
    assertThat(dns.addresses()).isEqualTo(addresses);
    query = new DnsQueries(addresses.get(0));
    dns.update(DnsService.clusterIp("default", "web", "10.96.0.20", DnsPort.tcp("http", 80), DnsPort.tcp("", 8080)));
    dns.update(new DnsService("default", "dual", DnsService.Type.CLUSTER_IP, List.of("10.96.0.30", "fd00::30"), "",
        List.of(new DnsPort("dns", "UDP", 53)), List.of()));
    dns.update(DnsService.headless("default", "db", List.of(DnsPort.tcp("mysql", 3306)), List.of(
        new DnsEndpoint("10.244.1.5", "db-0", List.of(DnsPort.tcp("mysql", 3306))),
        new DnsEndpoint("10.244.2.7", "db-1", List.of(DnsPort.tcp("mysql", 3306))),
        new DnsEndpoint("10.244.3.9", "", List.of(DnsPort.tcp("mysql", 3306))))));
    dns.update(DnsService.headless("default", "empty", List.of(DnsPort.tcp("http", 80)), List.of()));
    dns.update(DnsService.externalName("default", "ext", "www.example.com"));
  }

  @AfterEach
  void stopDns() throws Exception {
    dns.close();
    assertThat(dns.addresses()).isEmpty();
  }

  @Test
  void clusterIpServiceResolvesToItsAddressOverUdpAndTcp() throws Exception {
    for (Message response : List.of(query.udp("web.default.svc.cluster.local", Type.A),
        query.tcp("web.default.svc.cluster.local", Type.A))) {
      assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(response.getHeader().getFlag(Flags.AA)).as("authoritative").isTrue();
      assertThat(data(response)).containsExactly("10.96.0.20");
      assertThat(answers(response).get(0).getTTL()).isEqualTo(expectedTtl());
    }
  }

  @Test
  void namesAreCaseInsensitive() throws Exception {
    assertThat(data(query.udp("WEB.Default.SVC.Cluster.Local", Type.A))).containsExactly("10.96.0.20");
  }

  @Test
  void dualStackServiceAnswersAAndAaaaSeparately() throws Exception {
    assertThat(data(query.udp("dual.default.svc.cluster.local", Type.A))).containsExactly("10.96.0.30");
    assertThat(data(query.udp("dual.default.svc.cluster.local", Type.AAAA))).containsExactly("fd00:0:0:0:0:0:0:30");
  }

  @Test
  void namedPortsHaveSrvRecordsPointingAtTheService() throws Exception {
    Message response = query.udp("_http._tcp.web.default.svc.cluster.local", Type.SRV);
    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(data(response)).containsExactly("0 100 80 web.default.svc.cluster.local.");
    assertThat(response.getSection(Section.ADDITIONAL)).extracting(Record::rdataToString).contains("10.96.0.20");
    assertThat(data(query.udp("_dns._udp.dual.default.svc.cluster.local", Type.SRV)))
        .containsExactly("0 100 53 dual.default.svc.cluster.local.");
  }

  @Test
  void unknownPortsAndProtocolsAreNxdomain() throws Exception {
    assertThat(query.udp("_https._tcp.web.default.svc.cluster.local", Type.SRV).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(query.udp("_http._udp.web.default.svc.cluster.local", Type.SRV).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void headlessServiceResolvesToEveryReadyEndpointAndEachHostname() throws Exception {
    assertThat(data(query.udp("db.default.svc.cluster.local", Type.A)))
        .containsExactly("10.244.1.5", "10.244.2.7", "10.244.3.9");
    assertThat(data(query.udp("db-0.db.default.svc.cluster.local", Type.A))).containsExactly("10.244.1.5");
    assertThat(data(query.tcp("db-1.db.default.svc.cluster.local", Type.A))).containsExactly("10.244.2.7");
    assertThat(data(query.udp("10-244-3-9.db.default.svc.cluster.local", Type.A))).containsExactly("10.244.3.9");
    assertThat(query.udp("db-7.db.default.svc.cluster.local", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void headlessSrvRecordsNameEachEndpoint() throws Exception {
    Message response = query.udp("_mysql._tcp.db.default.svc.cluster.local", Type.SRV);
    assertThat(data(response)).containsExactly(
        "0 33 3306 10-244-3-9.db.default.svc.cluster.local.",
        "0 33 3306 db-0.db.default.svc.cluster.local.",
        "0 33 3306 db-1.db.default.svc.cluster.local.");
    assertThat(response.getSection(Section.ADDITIONAL)).extracting(Record::rdataToString)
        .contains("10.244.1.5", "10.244.2.7", "10.244.3.9");
  }

  @Test
  void headlessServiceWithoutReadyEndpointsIsNxdomain() throws Exception {
    assertNegative(query.udp("empty.default.svc.cluster.local", Type.A), Rcode.NXDOMAIN);
  }

  @Test
  void externalNameIsACname() throws Exception {
    Message response = query.udp("ext.default.svc.cluster.local", Type.A);
    assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answers(response)).extracting(Record::getType).containsExactly(Type.CNAME);
    assertThat(data(response)).containsExactly("www.example.com.");
  }

  @Test
  void unknownNamesAreNxdomainAndExistingNamesWithoutTheTypeAreNodata() throws Exception {
    assertNegative(query.udp("nope.default.svc.cluster.local", Type.A), Rcode.NXDOMAIN);
    assertNegative(query.udp("web.nowhere.svc.cluster.local", Type.A), Rcode.NXDOMAIN);
    assertNegative(query.udp("nowhere.svc.cluster.local", Type.A), Rcode.NXDOMAIN);
    assertNegative(query.udp("web.default.svc.cluster.local", Type.AAAA), Rcode.NOERROR);
    assertNegative(query.udp("web.default.svc.cluster.local", Type.TXT), Rcode.NOERROR);
    assertNegative(query.udp("default.svc.cluster.local", Type.A), Rcode.NOERROR);
    assertNegative(query.udp("svc.cluster.local", Type.A), Rcode.NOERROR);
  }

  @Test
  void zoneApexHasAnSoaAndTheSchemaVersionIsPublished() throws Exception {
    Message soa = query.udp("cluster.local", Type.SOA);
    assertThat(answers(soa)).hasSize(1).first().isInstanceOf(SOARecord.class);
    assertThat(answers(query.udp("dns-version.cluster.local", Type.TXT))).singleElement()
        .extracting(r -> ((TXTRecord) r).getStrings()).isEqualTo(List.of("1.1.0"));
  }

  @Test
  void reverseLookupsNameTheServiceAndHeadlessEndpoints() throws Exception {
    assertThat(data(query.udp("20.0.96.10.in-addr.arpa", Type.PTR))).containsExactly("web.default.svc.cluster.local.");
    assertThat(data(query.udp("5.1.244.10.in-addr.arpa", Type.PTR))).containsExactly("db-0.db.default.svc.cluster.local.");
    assertThat(query.udp("99.99.96.10.in-addr.arpa", Type.PTR).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void namesOutsideTheClusterZonesAreRefused() throws Exception {
    Message response = query.udp("www.example.com", Type.A);
    assertThat(response.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(answers(response)).isEmpty();
  }

  @Test
  void updatesAndRemovalsShowInTheNextAnswer() throws Exception {
    dns.update(DnsService.clusterIp("default", "web", "10.96.0.21", DnsPort.tcp("http", 80)));
    assertThat(data(query.udp("web.default.svc.cluster.local", Type.A))).containsExactly("10.96.0.21");
    assertThat(data(query.udp("21.0.96.10.in-addr.arpa", Type.PTR))).containsExactly("web.default.svc.cluster.local.");
    assertThat(query.udp("20.0.96.10.in-addr.arpa", Type.PTR).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    dns.remove("default", "web");
    assertNegative(query.udp("web.default.svc.cluster.local", Type.A), Rcode.NXDOMAIN);
    dns.remove("default", "never-existed");
    dns.update(DnsService.headless("default", "empty", List.of(), List.of(
        new DnsEndpoint("10.244.9.9", "", List.of()))));
    assertThat(data(query.udp("empty.default.svc.cluster.local", Type.A))).containsExactly("10.244.9.9");
  }

  @Test
  void largeAnswersAreTruncatedOverUdpAndWholeOverTcp() throws Exception {
    List<DnsEndpoint> many = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      many.add(new DnsEndpoint("10.244.7." + i, "", List.of()));
    }
    dns.update(DnsService.headless("default", "big", List.of(), many));
    Message udp = query.udpNoRetry("big.default.svc.cluster.local", Type.A);
    assertThat(udp.getHeader().getFlag(Flags.TC)).as("truncated over UDP").isTrue();
    assertThat(udp.toWire().length).isLessThanOrEqualTo(512);
    assertThat(answers(query.tcp("big.default.svc.cluster.local", Type.A))).hasSize(100);
    assertThat(answers(query.udp("big.default.svc.cluster.local", Type.A))).as("resolver retries over TCP").hasSize(100);
  }

  /** A negative answer: no records, the zone's SOA in the authority section. */
  protected static void assertNegative(Message response, int rcode) {
    assertThat(Rcode.string(response.getRcode())).isEqualTo(Rcode.string(rcode));
    assertThat(answers(response)).isEmpty();
    assertThat(response.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
  }
}
