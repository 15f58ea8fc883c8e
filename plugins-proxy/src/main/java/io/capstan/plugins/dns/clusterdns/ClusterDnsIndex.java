package io.capstan.plugins.dns.clusterdns;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.dns.DnsEndpoint;
import io.capstan.spi.dns.DnsService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;

/**
 * What the cluster DNS knows, indexed for its queries: Services by {@code <svc>.<ns>}, the number
 * of Services per namespace (so {@code <ns>.svc.<zone>} exists while it has any), and reverse
 * names by IP for PTR. Updates come one at a time from the host; queries read concurrently and see
 * each Service's entry whole (entries are immutable and swapped in one map write).
 */
final class ClusterDnsIndex {

  /**
   * One Service as queries need it.
   *
   * @param byLabel the ready endpoints of a headless Service by their DNS label
   */
  record Entry(DnsService service, Map<String, List<DnsEndpoint>> byLabel) {}

  private final Map<String, Entry> services = new ConcurrentHashMap<>();
  private final Map<String, Integer> namespaces = new ConcurrentHashMap<>();
  /** reverse name (lower case, e.g. {@code 10.0.96.10.in-addr.arpa.}) → relative owner names */
  private final Map<String, Set<String>> reverse = new ConcurrentHashMap<>();

  private static String key(String namespace, String name) {
    return name.toLowerCase(Locale.ROOT) + "." + namespace.toLowerCase(Locale.ROOT);
  }

  /** Adds or replaces a Service. Single writer (the host serialises updates). */
  void update(DnsService service) {
    requireNonNull(service, "service");
    String key = key(service.namespace(), service.name());
    Map<String, List<DnsEndpoint>> byLabel = new LinkedHashMap<>();
    if (service.type() == DnsService.Type.HEADLESS) {
      for (DnsEndpoint endpoint : service.endpoints()) {
        byLabel.computeIfAbsent(endpoint.label().toLowerCase(Locale.ROOT), l -> new ArrayList<>()).add(endpoint);
      }
      byLabel.replaceAll((label, list) -> List.copyOf(list));
    }
    Entry previous = services.put(key, new Entry(service, Map.copyOf(byLabel)));
    if (previous == null) {
      namespaces.merge(service.namespace().toLowerCase(Locale.ROOT), 1, Integer::sum);
    } else {
      unindexReverse(key, previous.service());
    }
    indexReverse(key, service);
  }

  /** Removes a Service; unknown names are ignored. */
  void remove(String namespace, String name) {
    String key = key(requireNonNull(namespace, "namespace"), requireNonNull(name, "name"));
    Entry previous = services.remove(key);
    if (previous != null) {
      namespaces.computeIfPresent(namespace.toLowerCase(Locale.ROOT), (ns, n) -> n <= 1 ? null : n - 1);
      unindexReverse(key, previous.service());
    }
  }

  /** The Service {@code <name>.<namespace>} (lower case), if known. */
  Optional<Entry> service(String name, String namespace) {
    return Optional.ofNullable(services.get(name + "." + namespace));
  }

  /** Whether any Service lives in the namespace (lower case). */
  boolean hasNamespace(String namespace) {
    return namespaces.containsKey(namespace);
  }

  /** The relative names ({@code svc.ns.svc}, {@code label.svc.ns.svc}) an IP's reverse name points to. */
  Set<String> reverse(Name reverseName) {
    return reverse.getOrDefault(reverseName.toString().toLowerCase(Locale.ROOT), Set.of());
  }

  int size() {
    return services.size();
  }

  private void indexReverse(String key, DnsService service) {
    reverseNames(key, service).forEach((ptr, target) ->
        reverse.compute(ptr, (k, set) -> {
          Set<String> next = set == null ? new HashSet<>() : new HashSet<>(set);
          next.add(target);
          return Set.copyOf(next);
        }));
  }

  private void unindexReverse(String key, DnsService service) {
    reverseNames(key, service).forEach((ptr, target) ->
        reverse.computeIfPresent(ptr, (k, set) -> {
          Set<String> next = new HashSet<>(set);
          next.remove(target);
          return next.isEmpty() ? null : Set.copyOf(next);
        }));
  }

  /** reverse name → owner name relative to the zone, for a Service's cluster IPs or endpoints. */
  private static Map<String, String> reverseNames(String key, DnsService service) {
    Map<String, String> out = new LinkedHashMap<>();
    String owner = key + ".svc";
    switch (service.type()) {
      case CLUSTER_IP -> service.clusterIps().forEach(ip -> reverseOf(ip).ifPresent(r -> out.put(r, owner)));
      case HEADLESS -> service.endpoints().forEach(e ->
          reverseOf(e.ip()).ifPresent(r -> out.put(r, e.label().toLowerCase(Locale.ROOT) + "." + owner)));
      case EXTERNAL_NAME -> { }
      default -> throw new IllegalStateException("unexpected " + service.type());
    }
    return out;
  }

  private static Optional<String> reverseOf(String ip) {
    Optional<InetAddress> address = literal(ip);
    return address.map(a -> ReverseMap.fromAddress(a).toString().toLowerCase(Locale.ROOT));
  }

  /** An IP literal as an address, without any lookup; empty when it is not a literal. */
  static Optional<InetAddress> literal(String ip) {
    try {
      return Optional.of(org.xbill.DNS.Address.getByAddress(ip)); // parses literals only, never resolves
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
