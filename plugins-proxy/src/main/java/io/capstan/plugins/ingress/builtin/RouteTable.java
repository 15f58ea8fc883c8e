package io.capstan.plugins.ingress.builtin;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.ingress.IngressBackend;
import io.capstan.spi.ingress.IngressPath;
import io.capstan.spi.ingress.IngressRule;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.ingress.PathType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IngressState#route} answered from an index built once per sync instead of a scan of every
 * rule per request: exact hosts and wildcard suffixes ({@code *.foo.com} under {@code .foo.com})
 * in hash maps, each host's merged paths pre-sorted into precedence order (longest match first,
 * Exact before Prefix at equal length, then rule order), so the first path that matches wins.
 * {@code RouteTableProperties} checks it answers exactly as {@link IngressState#route}.
 */
final class RouteTable {

  /** A path with its Prefix elements split once. */
  private record Route(IngressPath path, String[] elements, int matchLength) {
    boolean matches(String requestPath, String[] request) {
      if (path.type() == PathType.EXACT) {
        return path.path().equals(requestPath);
      }
      if (elements.length > request.length) {
        return false;
      }
      for (int i = 0; i < elements.length; i++) {
        if (!elements[i].equals(request[i])) {
          return false;
        }
      }
      return true;
    }
  }

  private static final Comparator<Route> PRECEDENCE = Comparator.comparingInt(Route::matchLength).reversed()
      .thenComparing(r -> r.path().type() == PathType.EXACT ? 0 : 1); // List.sort is stable: rule order breaks ties

  private final Map<String, List<Route>> exact = new HashMap<>();
  private final Map<String, List<Route>> wildcard = new HashMap<>();
  private final List<Route> any = new ArrayList<>();
  private final boolean anyRules;
  private final Optional<IngressBackend> defaultBackend;

  RouteTable(IngressState state) {
    requireNonNull(state, "state");
    boolean sawAny = false;
    for (IngressRule rule : state.rules()) {
      List<Route> into;
      if (rule.host().isEmpty()) {
        into = any;
        sawAny = true;
      } else if (rule.host().startsWith("*.")) {
        into = wildcard.computeIfAbsent(rule.host().substring(1), k -> new ArrayList<>());
      } else {
        into = exact.computeIfAbsent(rule.host(), k -> new ArrayList<>());
      }
      rule.paths().forEach(p -> into.add(new Route(p, elements(p.path()), matchLength(p))));
    }
    exact.values().forEach(l -> l.sort(PRECEDENCE));
    wildcard.values().forEach(l -> l.sort(PRECEDENCE));
    any.sort(PRECEDENCE);
    this.anyRules = sawAny;
    this.defaultBackend = state.defaultBackend();
  }

  Optional<IngressBackend> route(String hostHeader, String path) {
    String host = stripPort(hostHeader).toLowerCase(Locale.ROOT);
    List<Route> candidates = exact.get(host);
    if (candidates == null) {
      int dot = host.indexOf('.');
      candidates = dot > 0 ? wildcard.get(host.substring(dot)) : null;
    }
    if (candidates == null) {
      if (!anyRules) {
        return defaultBackend;
      }
      candidates = any;
    }
    String[] request = elements(path);
    for (Route route : candidates) {
      if (route.matches(path, request)) {
        return Optional.of(route.path().backend());
      }
    }
    return defaultBackend;
  }

  private static int matchLength(IngressPath p) {
    if (p.type() == PathType.EXACT) {
      return p.path().length();
    }
    int end = p.path().length();
    while (end > 1 && p.path().charAt(end - 1) == '/') {
      end--;
    }
    return end;
  }

  /** The path's non-empty {@code /}-separated elements. */
  private static String[] elements(String p) {
    List<String> out = new ArrayList<>(8);
    int start = 0;
    for (int i = 0; i <= p.length(); i++) {
      if (i == p.length() || p.charAt(i) == '/') {
        if (i > start) {
          out.add(p.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out.toArray(String[]::new);
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
