package io.capstan.plugins.dns.clusterdns;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.dns.DnsEndpoint;
import io.capstan.spi.dns.DnsService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xbill.DNS.Address;
import org.xbill.DNS.ReverseMap;

/**
 * The index after any sequence of updates and removals answers exactly as one built from the
 * final Services alone: no stale reverse names, no stale namespaces.
 */
class ClusterDnsIndexProperties {

  /** An update ({@code service} present) or a removal of {@code ns/name}. */
  record Op(String ns, String name, DnsService service) {}

  @Property(tries = 200)
  void anyHistoryLeavesTheSameIndexAsTheFinalState(@ForAll("histories") List<Op> history) throws Exception {
    ClusterDnsIndex index = new ClusterDnsIndex();
    Map<String, DnsService> model = new HashMap<>();
    for (Op op : history) {
      if (op.service() == null) {
        index.remove(op.ns(), op.name());
        model.remove(op.name() + "." + op.ns());
      } else {
        index.update(op.service());
        model.put(op.name() + "." + op.ns(), op.service());
      }
    }
    assertThat(index.size()).isEqualTo(model.size());
    for (String ns : List.of("a", "b")) {
      assertThat(index.hasNamespace(ns)).isEqualTo(model.values().stream().anyMatch(s -> s.namespace().equals(ns)));
    }
    for (int last = 1; last <= 4; last++) {
      for (String prefix : List.of("10.96.0.", "10.244.0.")) {
        String ip = prefix + last;
        Set<String> expected = new HashSet<>();
        for (DnsService s : model.values()) {
          String owner = s.name() + "." + s.namespace() + ".svc";
          if (s.type() == DnsService.Type.CLUSTER_IP && s.clusterIps().contains(ip)) {
            expected.add(owner);
          }
          if (s.type() == DnsService.Type.HEADLESS) {
            s.endpoints().stream().filter(e -> e.ip().equals(ip)).forEach(e -> expected.add(e.label() + "." + owner));
          }
        }
        assertThat(index.reverse(ReverseMap.fromAddress(Address.getByAddress(ip)))).as(ip).isEqualTo(expected);
      }
    }
    model.values().forEach(s -> assertThat(index.service(s.name(), s.namespace())).hasValueSatisfying(
        e -> assertThat(e.service()).isEqualTo(s)));
  }

  @Provide
  Arbitrary<List<Op>> histories() {
    Arbitrary<String> ns = Arbitraries.of("a", "b");
    Arbitrary<String> name = Arbitraries.of("x", "y", "z");
    Arbitrary<Integer> last = Arbitraries.integers().between(1, 4);
    Arbitrary<DnsService.Type> type = Arbitraries.of(DnsService.Type.class);
    Arbitrary<Boolean> remove = Arbitraries.integers().between(0, 3).map(i -> i == 0);
    Arbitrary<List<Integer>> endpoints = last.list().ofMaxSize(3);
    Arbitrary<Op> op = Combinators.combine(ns, name, last, type, remove, endpoints).as((n, s, l, t, r, eps) -> {
      if (r) {
        return new Op(n, s, null);
      }
      DnsService service = switch (t) {
        case CLUSTER_IP -> DnsService.clusterIp(n, s, "10.96.0." + l);
        case HEADLESS -> DnsService.headless(n, s, List.of(), eps.stream().distinct()
            .map(i -> new DnsEndpoint("10.244.0." + i, i % 2 == 0 ? "h" + i : "", List.of())).toList());
        case EXTERNAL_NAME -> DnsService.externalName(n, s, "ext.example");
      };
      return new Op(n, s, service);
    });
    return op.list().ofMaxSize(30);
  }
}
