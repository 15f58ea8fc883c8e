package io.capstan.plugins.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The incremental renderer: reused service rules give exactly the text a fresh render gives, the
 * partial input holds only changed chains (kube-proxy's KEP-3453), gone chains are deleted, and
 * kube-proxy's large-cluster mode drops the per-endpoint comments.
 */
class IncrementalRulesetTest {

  static ServicePortName name(int i) {
    return new ServicePortName("ns", "svc-" + i, "http");
  }

  /** Services 0..n-1, service i with {@code endpoints[i]} endpoints of generation {@code generation[i]}. */
  static ProxyState state(int[] endpoints, int[] generation) {
    return state(endpoints, generation, e -> "node-1");
  }

  /** The same, endpoint number e of each service running on node {@code nodeOf(e)}; the proxy runs on node-1. */
  static ProxyState state(int[] endpoints, int[] generation, java.util.function.IntFunction<String> nodeOf) {
    Map<ServicePortName, ServiceInfo> services = new HashMap<>();
    Map<ServicePortName, List<EndpointInfo>> eps = new HashMap<>();
    for (int i = 0; i < endpoints.length; i++) {
      if (endpoints[i] < 0) {
        continue; // no such service
      }
      services.put(name(i), ServiceInfo.clusterIp(name(i), "10.96.0." + (i + 1), 80));
      List<EndpointInfo> list = new ArrayList<>();
      for (int e = 0; e < endpoints[i]; e++) {
        list.add(EndpointInfo.ready("10.244." + (generation[i] % 200) + "." + (e + 1), 8080, nodeOf.apply(e)));
      }
      eps.put(name(i), list);
    }
    return new ProxyState(services, eps, "node-1");
  }

  @Property(tries = 60)
  void anIncrementalRenderEqualsAFreshOne(@ForAll @Size(min = 2, max = 6) List<@IntRange(min = -1, max = 3) Integer> first,
      @ForAll @Size(min = 2, max = 6) List<@IntRange(min = -1, max = 3) Integer> second, @ForAll @IntRange(max = 5) int bump) {
    int n = Math.min(first.size(), second.size());
    int[] a = first.stream().limit(n).mapToInt(Integer::intValue).toArray();
    int[] b = second.stream().limit(n).mapToInt(Integer::intValue).toArray();
    int[] genA = new int[n];
    int[] genB = new int[n];
    genB[bump % n] = 1;
    IptablesRuleset incremental = new IptablesRuleset(IptablesRulesetTest.CONFIG);
    incremental.render(state(a, genA));
    IptablesRuleset.Rendered next = incremental.render(state(b, genB));
    String fresh = IptablesRuleset.render(state(b, genB), IptablesRulesetTest.CONFIG);
    // the same text, except the deletion of chains the first state had and the second has not
    assertThat(withoutDeletions(next.full())).isEqualTo(fresh);
    assertThat(next.partial().length()).isLessThanOrEqualTo(next.full().length());
    // the same state again (the periodic resync): exactly the fresh text, nothing changed
    IptablesRuleset.Rendered again = incremental.render(state(b, genB));
    assertThat(again.full()).isEqualTo(fresh);
    assertThat(again.changedServicePorts()).isZero();
  }

  private static String withoutDeletions(String rules) {
    List<String> deleted = rules.lines().filter(l -> l.startsWith("-X ")).map(l -> l.substring(3)).toList();
    return rules.lines().filter(l -> !l.startsWith("-X ") && deleted.stream().noneMatch(c -> l.equals(":" + c + " - [0:0]")))
        .map(l -> l + "\n").reduce("", String::concat);
  }

  @Test
  void thePartialInputRewritesOnlyChangedChainsAndDeletesGoneOnes() {
    IptablesRuleset ruleset = new IptablesRuleset(IptablesRulesetTest.CONFIG);
    IptablesRuleset.Rendered first = ruleset.render(state(new int[] {2, 2, 2}, new int[3]));
    assertThat(first.changedServicePorts()).isEqualTo(3);
    IptablesRuleset.Rendered second = ruleset.render(state(new int[] {2, 2, -1}, new int[] {0, 1, 0}));
    assertThat(second.changedServicePorts()).isEqualTo(1);
    String svc0 = ChainNames.service(name(0), "TCP");
    String svc1 = ChainNames.service(name(1), "TCP");
    String svc2 = ChainNames.service(name(2), "TCP");
    String oldSep1 = ChainNames.endpoint(name(1), "TCP", EndpointInfo.ready("10.244.0.1", 8080, "node-1"));
    String newSep1 = ChainNames.endpoint(name(1), "TCP", EndpointInfo.ready("10.244.1.1", 8080, "node-1"));
    // unchanged svc-0: jumped to from KUBE-SERVICES, its own chain left alone
    assertThat(second.partial()).contains("-j " + svc0 + "\n").doesNotContain(":" + svc0 + " ")
        .doesNotContain("-A " + svc0 + " ");
    // changed svc-1: declared (flushed) and rewritten, its new endpoint chain too
    assertThat(second.partial()).contains(":" + svc1 + " - [0:0]").contains("-A " + svc1 + " ")
        .contains(":" + newSep1 + " - [0:0]");
    // gone: svc-2's chains and svc-1's old endpoint chains are flushed and deleted, in both inputs
    for (String gone : List.of(svc2, oldSep1)) {
      assertThat(second.partial()).contains(":" + gone + " - [0:0]").contains("-X " + gone + "\n");
      assertThat(second.full()).contains("-X " + gone + "\n");
    }
    assertThat(second.partial()).doesNotContain("-j " + svc2);
    // nothing changed: the partial input touches no service chain
    IptablesRuleset.Rendered third = ruleset.render(state(new int[] {2, 2, -1}, new int[] {0, 1, 0}));
    assertThat(third.changedServicePorts()).isZero();
    assertThat(third.partial()).doesNotContain(":KUBE-SVC-").doesNotContain("-X ");
    assertThat(third.full()).isEqualTo(IptablesRuleset.render(state(new int[] {2, 2, -1}, new int[] {0, 1, 0}),
        IptablesRulesetTest.CONFIG));
  }

  @Test
  void pastAThousandEndpointsThePerEndpointCommentsAreDropped() {
    int[] hundredTens = new int[101];
    java.util.Arrays.fill(hundredTens, 10);
    String large = IptablesRuleset.render(state(hundredTens, new int[101]), IptablesRulesetTest.CONFIG);
    String sep = ChainNames.endpoint(name(0), "TCP", EndpointInfo.ready("10.244.0.1", 8080, "node-1"));
    assertThat(large).contains("-A " + sep + " -s 10.244.0.1 -j KUBE-MARK-MASQ\n")
        .contains("-A " + sep + " -m tcp -p tcp -j DNAT --to-destination 10.244.0.1:8080\n")
        .doesNotContain("-> 10.244.0.1:8080")
        // the cluster IP rules keep theirs, as in kube-proxy
        .contains("--comment \"ns/svc-0:http cluster IP\"")
        // endpoint chains are entered with goto (they always end in DNAT), everything else with jump
        .contains(" -m statistic --mode random --probability 0.1000000000 -g " + sep + "\n")
        .doesNotContain(" -j KUBE-SEP-")
        .contains("-j " + ChainNames.service(name(0), "TCP") + "\n");
    int[] hundred = new int[100];
    java.util.Arrays.fill(hundred, 10);
    assertThat(IptablesRuleset.render(state(hundred, new int[100]), IptablesRulesetTest.CONFIG))
        .contains("-A " + sep + " -m comment --comment ns/svc-0:http -s 10.244.0.1 -j KUBE-MARK-MASQ\n")
        .contains(" -j " + sep + "\n").doesNotContain(" -g KUBE-SEP-");
  }

  @Test
  void pastAThousandEndpointsOnlyTheEndpointsThatNeedAChainGetOne() {
    int[] hundredTens = new int[101];
    java.util.Arrays.fill(hundredTens, 10);
    // endpoint 0 on this node, 1 on an unknown node, the rest on node-2
    java.util.function.IntFunction<String> nodes = e -> e == 0 ? "node-1" : e == 1 ? "" : "node-2";
    IptablesRuleset ruleset = new IptablesRuleset(IptablesRulesetTest.CONFIG);
    IptablesRuleset.Rendered rendered = ruleset.render(state(hundredTens, new int[101], nodes));
    String local = ChainNames.endpoint(name(0), "TCP", EndpointInfo.ready("10.244.0.1", 8080, "node-1"));
    String unknown = ChainNames.endpoint(name(0), "TCP", EndpointInfo.ready("10.244.0.2", 8080, ""));
    String remote = ChainNames.endpoint(name(0), "TCP", EndpointInfo.ready("10.244.0.3", 8080, "node-2"));
    String svc = ChainNames.service(name(0), "TCP");
    assertThat(rendered.full())
        // the hairpin masquerade can match only for this node's (or an unknown node's) endpoints
        .contains("-A " + local + " -s 10.244.0.1 -j KUBE-MARK-MASQ\n")
        .contains("-A " + unknown + " -s 10.244.0.2 -j KUBE-MARK-MASQ\n")
        .contains("-A " + svc + " -m statistic --mode random --probability 0.1000000000 -g " + local + "\n")
        .contains("-A " + svc + " -m statistic --mode random --probability 0.1111111111 -g " + unknown + "\n")
        // the others are DNATed from the dispatch rule, with the same probability sequence
        .contains("-A " + svc + " -m statistic --mode random --probability 0.1250000000 -m tcp -p tcp -j DNAT "
            + "--to-destination 10.244.0.3:8080\n")
        .contains("-A " + svc + " -m tcp -p tcp -j DNAT --to-destination 10.244.0.10:8080\n")
        .doesNotContain(remote);
    assertThat(rendered.ownChains()).contains(local, unknown).doesNotContain(remote).hasSize(101 * 3);

    // ClientIP affinity names its recent lists after the endpoint chains: every endpoint keeps one
    IptablesRuleset.Rendered pinned = new IptablesRuleset(IptablesRulesetTest.CONFIG)
        .render(withAffinity(state(hundredTens, new int[101], nodes)));
    assertThat(pinned.full()).contains("-A " + remote + " -m recent --name " + remote + " --set -m tcp -p tcp -j DNAT "
        + "--to-destination 10.244.0.3:8080\n").doesNotContain("-j DNAT --to-destination 10.244.0.3:8080\n-A " + svc);

    // endpointChains: all keeps kube-proxy's layout
    IptablesProxyConfig all = new IptablesProxyConfig("10.244.0.0/16", null, "never", null, null, null, null, "all");
    assertThat(new IptablesRuleset(all).render(state(hundredTens, new int[101], nodes)).full())
        .contains("-A " + remote + " -m tcp -p tcp -j DNAT --to-destination 10.244.0.3:8080\n")
        .contains("-A " + svc + " -m statistic --mode random --probability 0.1250000000 -g " + remote + "\n");

    // at 1,000 endpoints or fewer every endpoint has its chain; crossing the threshold deletes the
    // remote ones' chains, and crossing back declares them again
    int[] hundred = new int[100];
    java.util.Arrays.fill(hundred, 10);
    IptablesRuleset crossing = new IptablesRuleset(IptablesRulesetTest.CONFIG);
    assertThat(crossing.render(state(hundred, new int[100], nodes)).ownChains()).contains(remote);
    IptablesRuleset.Rendered grown = crossing.render(state(hundredTens, new int[101], nodes));
    assertThat(grown.deleted()).contains(ChainNames.endpoint(name(0), "TCP", EndpointInfo.ready("10.244.0.3", 8080,
        "node-2"))).doesNotContain(local, unknown);
    assertThat(grown.partial()).contains("-X " + remote + "\n");
    assertThat(crossing.render(state(hundred, new int[100], nodes)).partial()).contains(":" + remote + " - [0:0]\n");
  }

  private static ProxyState withAffinity(ProxyState state) {
    Map<ServicePortName, ServiceInfo> services = new HashMap<>();
    state.services().forEach((n, s) -> services.put(n, new ServiceInfo(n, s.type(), s.clusterIp(), s.port(),
        s.protocol(), s.nodePort(), io.capstan.spi.proxy.SessionAffinity.CLIENT_IP, ServiceInfo.DEFAULT_AFFINITY_TIMEOUT,
        s.externalIps(), s.loadBalancerIps(), s.externalTrafficLocal())));
    return new ProxyState(services, state.endpoints(), state.nodeName());
  }
}
