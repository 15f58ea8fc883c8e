package io.capstan.plugins.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.ServiceType;
import io.capstan.spi.proxy.SessionAffinity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rendered restore input, against kube-proxy's layout (golden text from the network reference, §1.5). */
class IptablesRulesetTest {

  static final IptablesProxyConfig CONFIG = new IptablesProxyConfig("10.244.0.0/16", null, "never", null, null, null);
  static final ServicePortName DEMO = new ServicePortName("default", "demo", "http");

  static ServiceInfo demo(ServiceType type, int nodePort, SessionAffinity affinity) {
    return new ServiceInfo(DEMO, type, "10.96.100.10", 80, "TCP", nodePort, affinity,
        affinity == SessionAffinity.CLIENT_IP ? ServiceInfo.DEFAULT_AFFINITY_TIMEOUT : Duration.ZERO, List.of(), List.of(), false);
  }

  static ProxyState state(ServiceInfo service, EndpointInfo... endpoints) {
    return new ProxyState(Map.of(service.name(), service), Map.of(service.name(), List.of(endpoints)), "node-1");
  }

  static final String GOLDEN = """
      *filter
      :KUBE-SERVICES - [0:0]
      :KUBE-EXTERNAL-SERVICES - [0:0]
      :KUBE-FORWARD - [0:0]
      :KUBE-NODEPORTS - [0:0]
      :KUBE-PROXY-FIREWALL - [0:0]
      -A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
      -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
      -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
      COMMIT
      *nat
      :KUBE-SERVICES - [0:0]
      :KUBE-NODEPORTS - [0:0]
      :KUBE-POSTROUTING - [0:0]
      :KUBE-MARK-MASQ - [0:0]
      :KUBE-SVC-CTBMGJDNUDRWEDVR - [0:0]
      :KUBE-SEP-WNRCNPEFMEQG3ZU3 - [0:0]
      :KUBE-SEP-OY25FSTJGTZRH74X - [0:0]
      -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
      -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
      -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
      -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
      -A KUBE-SERVICES -m comment --comment "default/demo:http cluster IP" -m tcp -p tcp -d 10.96.100.10 --dport 80 -j KUBE-SVC-CTBMGJDNUDRWEDVR
      -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
      -A KUBE-SVC-CTBMGJDNUDRWEDVR -m comment --comment "default/demo:http cluster IP" -m tcp -p tcp -d 10.96.100.10 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
      -A KUBE-SVC-CTBMGJDNUDRWEDVR -m comment --comment "default/demo:http -> 10.244.1.2:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-WNRCNPEFMEQG3ZU3
      -A KUBE-SVC-CTBMGJDNUDRWEDVR -m comment --comment "default/demo:http -> 10.244.1.3:8080" -j KUBE-SEP-OY25FSTJGTZRH74X
      -A KUBE-SEP-WNRCNPEFMEQG3ZU3 -m comment --comment default/demo:http -s 10.244.1.2 -j KUBE-MARK-MASQ
      -A KUBE-SEP-WNRCNPEFMEQG3ZU3 -m comment --comment default/demo:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:8080
      -A KUBE-SEP-OY25FSTJGTZRH74X -m comment --comment default/demo:http -s 10.244.1.3 -j KUBE-MARK-MASQ
      -A KUBE-SEP-OY25FSTJGTZRH74X -m comment --comment default/demo:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.3:8080
      COMMIT
      """;

  @Test
  void aClusterIpServiceRendersExactlyAsKubeProxy() {
    String rules = IptablesRuleset.render(state(demo(ServiceType.CLUSTER_IP, 0, SessionAffinity.NONE),
        EndpointInfo.ready("10.244.1.2", 8080, "node-1"), EndpointInfo.ready("10.244.1.3", 8080, "node-2")), CONFIG);
    assertThat(rules).isEqualTo(GOLDEN);
  }

  @Test
  void nodePortAndClientIpAffinityAddExtChainsRecentChecksAndSets() {
    String rules = IptablesRuleset.render(state(demo(ServiceType.NODE_PORT, 30080, SessionAffinity.CLIENT_IP),
        EndpointInfo.ready("10.244.1.2", 8080, "node-1"), EndpointInfo.ready("10.244.1.3", 8080, "node-2")), CONFIG);
    assertThat(rules).contains(":KUBE-EXT-CTBMGJDNUDRWEDVR - [0:0]")
        .contains("-A KUBE-NODEPORTS -m comment --comment default/demo:http -m tcp -p tcp --dport 30080 -j KUBE-EXT-CTBMGJDNUDRWEDVR")
        .contains("-A KUBE-EXT-CTBMGJDNUDRWEDVR -m comment --comment \"masquerade traffic for default/demo:http external "
            + "destinations\" -j KUBE-MARK-MASQ")
        .contains("-A KUBE-EXT-CTBMGJDNUDRWEDVR -j KUBE-SVC-CTBMGJDNUDRWEDVR")
        .contains("-A KUBE-SVC-CTBMGJDNUDRWEDVR -m comment --comment \"default/demo:http -> 10.244.1.2:8080\" -m recent --name "
            + "KUBE-SEP-WNRCNPEFMEQG3ZU3 --rcheck --seconds 10800 --reap -j KUBE-SEP-WNRCNPEFMEQG3ZU3")
        .contains("-A KUBE-SEP-OY25FSTJGTZRH74X -m comment --comment default/demo:http -m recent --name KUBE-SEP-OY25FSTJGTZRH74X "
            + "--set -m tcp -p tcp -j DNAT --to-destination 10.244.1.3:8080");
    // the affinity checks come before the random choice, as kube-proxy writes them
    assertThat(rules.indexOf("--rcheck")).isLessThan(rules.indexOf("--probability"));
  }

  @Test
  void probabilitiesFollowKubeProxysSequence() {
    EndpointInfo[] four = {EndpointInfo.ready("10.0.0.1", 80, ""), EndpointInfo.ready("10.0.0.2", 80, ""),
        EndpointInfo.ready("10.0.0.3", 80, ""), EndpointInfo.ready("10.0.0.4", 80, "")};
    String rules = IptablesRuleset.render(state(demo(ServiceType.CLUSTER_IP, 0, SessionAffinity.NONE), four), CONFIG);
    assertThat(rules).contains("--probability 0.2500000000").contains("--probability 0.3333333333")
        .contains("--probability 0.5000000000");
    assertThat(rules.split("--probability", -1)).hasSize(4);
  }

  @Test
  void aServiceWithoutReadyEndpointsIsRejectedInTheFilterTable() {
    EndpointInfo notReady = new EndpointInfo("10.244.1.9", 8080, false, false, false, "node-1", "");
    String rules = IptablesRuleset.render(state(demo(ServiceType.NODE_PORT, 30080, SessionAffinity.NONE), notReady), CONFIG);
    assertThat(rules).contains("-A KUBE-SERVICES -m comment --comment \"default/demo:http has no endpoints\" -m tcp -p tcp "
        + "-d 10.96.100.10 --dport 80 -j REJECT")
        .contains("-A KUBE-EXTERNAL-SERVICES -m comment --comment \"default/demo:http has no endpoints\" -m addrtype "
            + "--dst-type LOCAL -m tcp -p tcp --dport 30080 -j REJECT")
        .doesNotContain("KUBE-SVC-").doesNotContain("DNAT");
  }

  @Test
  void everyJumpTargetIsDeclaredOrBuiltIn() {
    // iptables-nft-restore --test does not catch undeclared targets (network reference §1.6), so check here
    ServiceInfo lb = new ServiceInfo(DEMO, ServiceType.LOAD_BALANCER, "10.96.100.10", 80, "TCP", 30080,
        SessionAffinity.CLIENT_IP, Duration.ofSeconds(60), List.of("192.168.1.10"), List.of("203.0.113.5"), true);
    String rules = IptablesRuleset.render(state(lb, EndpointInfo.ready("10.244.1.2", 8080, "node-1"),
        EndpointInfo.ready("10.244.1.3", 8080, "node-2")), CONFIG);
    for (String table : rules.split("COMMIT\n")) {
      List<String> declared = table.lines().filter(l -> l.startsWith(":")).map(l -> l.substring(1, l.indexOf(' '))).toList();
      table.lines().filter(l -> l.contains(" -j KUBE-")).forEach(l -> {
        String target = l.substring(l.indexOf(" -j KUBE-") + 4).split(" ")[0];
        assertThat(declared).as(l).contains(target);
      });
    }
    assertThat(rules).contains("-A KUBE-EXT-CTBMGJDNUDRWEDVR -j KUBE-SVL-CTBMGJDNUDRWEDVR")
        .contains("loadbalancer IP\" -m tcp -p tcp -d 203.0.113.5 --dport 80 -j KUBE-EXT-CTBMGJDNUDRWEDVR")
        .contains("external IP\" -m tcp -p tcp -d 192.168.1.10 --dport 80 -j KUBE-EXT-CTBMGJDNUDRWEDVR");
  }
}
