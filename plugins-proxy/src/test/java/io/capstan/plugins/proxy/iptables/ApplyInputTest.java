package io.capstan.plugins.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.ServiceType;
import io.capstan.spi.proxy.SessionAffinity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The input the proxy applies holds the same rules as the rendered text, every chain with the same
 * rules in the same order, whatever the kernel already holds: chains it holds are emptied with
 * {@code -F} instead of declared, every other chain is declared before any rule names it, endpoint
 * chains come before the dispatch chains, and missing jumps and leftover chains go into the same
 * transaction.
 */
class ApplyInputTest {

  /** Per table, per chain, its rules in order, as iptables-restore would build them from {@code input}. */
  static Map<String, Map<String, List<String>>> chains(String input) {
    Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();
    Map<String, List<String>> table = null;
    for (String line : input.lines().toList()) {
      if (line.startsWith("*")) {
        table = tables.computeIfAbsent(line.substring(1), t -> new LinkedHashMap<>());
      } else if (line.startsWith(":")) {
        table.put(line.substring(1, line.indexOf(' ')), new ArrayList<>()); // declares and flushes
      } else if (line.startsWith("-F ")) {
        table.put(line.substring(3), new ArrayList<>());
      } else if (line.startsWith("-X ")) {
        table.remove(line.substring(3));
      } else if (line.startsWith("-A ")) {
        String chain = line.split(" ")[1];
        table.computeIfAbsent(chain, c -> new ArrayList<>()).add(line);
      }
    }
    return tables;
  }

  static ProxyState mixed(int services, int endpoints, int generation) {
    Map<ServicePortName, ServiceInfo> infos = new LinkedHashMap<>();
    Map<ServicePortName, List<EndpointInfo>> eps = new LinkedHashMap<>();
    for (int i = 0; i < services; i++) {
      ServicePortName name = new ServicePortName("ns", "svc-" + i, "http");
      ServiceType type = i % 3 == 1 ? ServiceType.NODE_PORT : i % 3 == 2 ? ServiceType.LOAD_BALANCER : ServiceType.CLUSTER_IP;
      SessionAffinity affinity = i % 4 == 3 ? SessionAffinity.CLIENT_IP : SessionAffinity.NONE;
      infos.put(name, new ServiceInfo(name, type, "10.96.1." + (i + 1), 80, "TCP", type == ServiceType.CLUSTER_IP ? 0 : 30000 + i,
          affinity, affinity == SessionAffinity.CLIENT_IP ? Duration.ofSeconds(60) : Duration.ZERO,
          i % 5 == 4 ? List.of("192.168.5." + i) : List.of(), type == ServiceType.LOAD_BALANCER ? List.of("203.0.113." + i)
              : List.of(), i % 2 == 0 && type != ServiceType.CLUSTER_IP));
      List<EndpointInfo> list = new ArrayList<>();
      for (int e = 0; e < (i % 6 == 5 ? 0 : endpoints); e++) {
        list.add(EndpointInfo.ready("10.244." + generation + "." + (i * 16 + e + 1), 8080, "node-" + (e % 2)));
      }
      eps.put(name, list);
    }
    return new ProxyState(infos, eps, "node-0");
  }

  @Property(tries = 40)
  void theAppliedInputBuildsExactlyTheRenderedChains(@ForAll @IntRange(min = 1, max = 14) int services,
      @ForAll @IntRange(min = 1, max = 4) int endpoints, @ForAll @Size(max = 40) List<Boolean> held) {
    IptablesRuleset.Rendered rendered = new IptablesRuleset(IptablesRulesetTest.CONFIG).render(mixed(services, endpoints, 1));
    List<String> own = new ArrayList<>(rendered.ownChains());
    java.util.Collections.sort(own);
    Set<String> existing = new HashSet<>();
    for (int i = 0; i < own.size(); i++) {
      if (i < held.size() && held.get(i)) {
        existing.add(own.get(i));
      }
    }
    String input = ApplyInput.of(rendered, false, existing, List.of(), List.of(), List.of());
    assertThat(chains(input)).isEqualTo(chains(rendered.full()));
    for (String chain : own) {
      if (existing.contains(chain)) {
        assertThat(input).contains("-F " + chain + "\n").doesNotContain(":" + chain + " ");
      } else {
        assertThat(input).contains(":" + chain + " - [0:0]\n").doesNotContain("-F " + chain + "\n");
      }
    }
    assertNamedBeforeUse(input, existing);
  }

  @Test
  void endpointChainsComeBeforeTheChainsThatJumpToThem() {
    IptablesRuleset.Rendered rendered = new IptablesRuleset(IptablesRulesetTest.CONFIG).render(mixed(6, 3, 1));
    String input = ApplyInput.of(rendered, false, rendered.ownChains(), List.of(), List.of(), List.of());
    String nat = input.split("\\*nat\n")[1];
    int lastSepRule = nat.lastIndexOf("\n-A KUBE-SEP-");
    assertThat(lastSepRule).isPositive().isLessThan(nat.indexOf("\n-A KUBE-SVC-"));
    assertThat(nat.indexOf("\n-A KUBE-SVC-")).isLessThan(nat.indexOf("\n-A KUBE-SERVICES "));
    // the chains the kernel holds are emptied, so none of the service chains is declared
    assertThat(nat).doesNotContain(":KUBE-SEP-").doesNotContain(":KUBE-SVC-");
  }

  @Test
  void aPartialInputWritesOnlyChangedChainsAndDeletesGoneAndLeftoverOnes() {
    IptablesRuleset ruleset = new IptablesRuleset(IptablesRulesetTest.CONFIG);
    IptablesRuleset.Rendered first = ruleset.render(IncrementalRulesetTest.state(new int[] {2, 2, 2}, new int[3]));
    IptablesRuleset.Rendered second = ruleset.render(IncrementalRulesetTest.state(new int[] {2, 3, -1}, new int[3]));
    String leftover = "KUBE-SEP-AAAAAAAAAAAAAAAA";
    String input = ApplyInput.of(second, true, first.ownChains(), List.of(leftover), List.of(), List.of());
    String svc0 = ChainNames.service(IncrementalRulesetTest.name(0), "TCP");
    String svc1 = ChainNames.service(IncrementalRulesetTest.name(1), "TCP");
    assertThat(input).doesNotContain("-A " + svc0 + " ").doesNotContain("-F " + svc0 + "\n")
        .contains("-j " + svc0 + "\n").contains("-F " + svc1 + "\n").contains("-A " + svc1 + " ");
    assertThat(second.deleted()).isNotEmpty();
    for (String gone : second.deleted()) {
      assertThat(input).contains(":" + gone + " - [0:0]\n").contains("-X " + gone + "\n");
    }
    assertThat(input).contains(":" + leftover + " - [0:0]\n").endsWith("-X " + leftover + "\nCOMMIT\n");
    // the new endpoint's chain did not exist: declared
    Set<String> added = new HashSet<>(second.ownChains());
    added.removeAll(first.ownChains());
    assertThat(added).hasSize(1).allSatisfy(c -> assertThat(input).contains(":" + c + " - [0:0]\n"));
  }

  @Test
  void missingJumpsAreInsertedInTheirTablesInTheSameTransaction() {
    IptablesRuleset.Rendered rendered = new IptablesRuleset(IptablesRulesetTest.CONFIG).render(mixed(2, 1, 1));
    List<String> nat = List.of(KernelTables.insertLine(IptablesProxy.JUMPS.get(0)));
    List<String> filter = List.of(KernelTables.insertLine(IptablesProxy.JUMPS.get(4)));
    String input = ApplyInput.of(rendered, false, Set.of(), List.of(), filter, nat);
    String[] tables = input.split("COMMIT\n");
    assertThat(tables[0]).startsWith("*filter\n")
        .contains("\n-I OUTPUT 1 -m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n");
    assertThat(tables[1]).startsWith("*nat\n")
        .contains("\n-I PREROUTING 1 -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n");
    // nothing held: every chain declared, KUBE-MARK-MASQ after the service chains, once
    assertThat(tables[1].indexOf(":KUBE-MARK-MASQ - [0:0]\n")).isGreaterThan(tables[1].lastIndexOf(":KUBE-SEP-"))
        .isEqualTo(tables[1].lastIndexOf(":KUBE-MARK-MASQ"));
  }

  /** Every chain a line names (as its chain or as its target) is declared, held or built in by then. */
  private static void assertNamedBeforeUse(String input, Set<String> existing) {
    Set<String> known = new HashSet<>(existing);
    for (String line : input.lines().toList()) {
      if (line.startsWith(":")) {
        known.add(line.substring(1, line.indexOf(' ')));
      } else if (line.startsWith("-A ") || line.startsWith("-F ")) {
        String[] words = line.split(" ");
        assertThat(known).as(line).contains(words[1]);
        int j = Math.max(line.indexOf(" -j KUBE-"), line.indexOf(" -g KUBE-"));
        if (j >= 0) {
          assertThat(known).as(line).contains(line.substring(j + 4).split(" ")[0]);
        }
      }
    }
  }
}
