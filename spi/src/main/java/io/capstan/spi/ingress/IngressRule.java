package io.capstan.spi.ingress;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * One {@code spec.rules[]} entry, resolved.
 *
 * @param host the rule's host: {@code ""} (any host), an exact name ({@code foo.bar.com}) or a
 *     wildcard ({@code *.foo.com}, which covers exactly one more DNS label)
 * @param paths the rule's paths with resolved backends
 * @param ingressNamespace the namespace of the Ingress the rule came from
 * @param ingressName the name of the Ingress the rule came from
 */
public record IngressRule(String host, List<IngressPath> paths, String ingressNamespace,
    String ingressName) {

  /** How specifically a rule's host matched a request; lower is more specific. */
  enum HostMatch { EXACT, WILDCARD, ANY, NONE }

  public IngressRule {
    requireNonNull(host, "host");
    paths = List.copyOf(requireNonNull(paths, "paths"));
    requireNonNull(ingressNamespace, "ingressNamespace");
    requireNonNull(ingressName, "ingressName");
    if (host.contains("*") && !(host.startsWith("*.") && host.indexOf('*', 1) < 0)) {
      throw new IllegalArgumentException(
          "a wildcard host must be '*.' followed by a DNS name, got '" + host + "'");
    }
    host = host.toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the rule applies to a request's {@code Host} header (a port in the header and letter
   * case are ignored): {@code *.foo.com} matches {@code bar.foo.com} but neither
   * {@code baz.bar.foo.com} nor {@code foo.com}.
   */
  public boolean matchesHost(String hostHeader) {
    return hostMatch(hostHeader) != HostMatch.NONE;
  }

  HostMatch hostMatch(String hostHeader) {
    String requestHost = stripPort(requireNonNull(hostHeader, "hostHeader")).toLowerCase(Locale.ROOT);
    if (host.isEmpty()) {
      return HostMatch.ANY;
    }
    if (!host.startsWith("*.")) {
      return host.equals(requestHost) ? HostMatch.EXACT : HostMatch.NONE;
    }
    String suffix = host.substring(1); // ".foo.com"
    if (!requestHost.endsWith(suffix)) {
      return HostMatch.NONE;
    }
    String label = requestHost.substring(0, requestHost.length() - suffix.length());
    return !label.isEmpty() && label.indexOf('.') < 0 ? HostMatch.WILDCARD : HostMatch.NONE;
  }

  private static String stripPort(String hostHeader) {
    if (hostHeader.startsWith("[")) { // IPv6 literal: [::1]:8080
      int close = hostHeader.indexOf(']');
      return close < 0 ? hostHeader : hostHeader.substring(0, close + 1);
    }
    int colon = hostHeader.indexOf(':');
    return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
  }
}
