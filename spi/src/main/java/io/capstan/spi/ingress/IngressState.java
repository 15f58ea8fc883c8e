package io.capstan.spi.ingress;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Everything one ingress controller must serve: the rules of every Ingress of its class, with
 * backends resolved to endpoints. Immutable.
 *
 * @param rules the rules of all Ingresses of the controller's class, oldest Ingress first (by
 *     creationTimestamp, then namespace/name), each Ingress's rules in spec order; that order
 *     breaks ties
 * @param tls the TLS entries, in the same order
 * @param defaultBackend where requests that match no rule go: the oldest Ingress's
 *     {@code spec.defaultBackend}, else the controller's configured default; empty means answer
 *     404
 */
public record IngressState(List<IngressRule> rules, List<IngressTls> tls,
    Optional<IngressBackend> defaultBackend) {

  public IngressState {
    rules = List.copyOf(requireNonNull(rules, "rules"));
    tls = List.copyOf(requireNonNull(tls, "tls"));
    requireNonNull(defaultBackend, "defaultBackend");
  }

  /** Nothing to serve. */
  public static IngressState empty() {
    return new IngressState(List.of(), List.of(), Optional.empty());
  }

  /**
   * The backend for a request, as the {@code builtin} controller routes (and what conformance
   * tests expect of every controller for Exact and Prefix paths):
   *
   * <ol>
   *   <li>Host: the most specific kind of host match that any rule has decides: rules with the
   *       exact host, else rules whose wildcard covers it, else rules without a host. Paths of all
   *       rules of that kind are merged (as ingress-nginx merges Ingresses into one server); less
   *       specific rules are not consulted even if no path matches.
   *   <li>Path: {@link IngressPath#bestMatch} among the merged paths.
   *   <li>Otherwise the {@link #defaultBackend()}.
   * </ol>
   *
   * @param hostHeader the request's {@code Host} header (port allowed)
   * @param path the request's path, without query string
   */
  public Optional<IngressBackend> route(String hostHeader, String path) {
    requireNonNull(hostHeader, "hostHeader");
    requireNonNull(path, "path");
    IngressRule.HostMatch best = IngressRule.HostMatch.NONE;
    for (IngressRule rule : rules) {
      IngressRule.HostMatch m = rule.hostMatch(hostHeader);
      if (m.compareTo(best) < 0) {
        best = m;
      }
    }
    if (best == IngressRule.HostMatch.NONE) {
      return defaultBackend;
    }
    IngressRule.HostMatch chosen = best;
    List<IngressPath> candidates = rules.stream()
        .filter(r -> r.hostMatch(hostHeader) == chosen)
        .flatMap(r -> r.paths().stream())
        .toList();
    return IngressPath.bestMatch(candidates, path).map(IngressPath::backend).or(() -> defaultBackend);
  }
}
