package io.capstan.spi.ingress;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One {@code http.paths[]} entry of an Ingress rule, with Kubernetes' matching rules.
 *
 * @param path the rule's path; starts with {@code /}
 * @param type how the path matches
 * @param backend where matching requests go
 */
public record IngressPath(String path, PathType type, IngressBackend backend) {

  public IngressPath {
    requireNonNull(path, "path");
    requireNonNull(type, "type");
    requireNonNull(backend, "backend");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("ingress path must start with '/', got '" + path + "'");
    }
  }

  /**
   * Whether a request path matches, per the Kubernetes Ingress documentation. Exact: the strings
   * are equal (case-sensitive; {@code /foo} does not match {@code /foo/}). Prefix: both are split
   * by {@code /} with empty elements dropped, and the rule's elements must be a prefix of the
   * request's, element by element: {@code /foo} and {@code /foo/} match {@code /foo},
   * {@code /foo/} and {@code /foo/bar}, but not {@code /foobar}; {@code /} matches everything.
   */
  public boolean matches(String requestPath) {
    requireNonNull(requestPath, "requestPath");
    if (type == PathType.EXACT) {
      return path.equals(requestPath);
    }
    List<String> rule = elements(path);
    List<String> request = elements(requestPath);
    return rule.size() <= request.size() && request.subList(0, rule.size()).equals(rule);
  }

  /**
   * The length used for "the longest matching path wins": the path's length without trailing
   * slashes for prefix types (so {@code Prefix /foo/} ties with {@code Exact /foo}, and Exact then
   * wins), the plain length for Exact.
   */
  int matchLength() {
    if (type == PathType.EXACT) {
      return path.length();
    }
    int end = path.length();
    while (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    return end;
  }

  /**
   * The path that handles a request, by Kubernetes' precedence: among the matching paths the
   * longest wins; at equal length Exact beats Prefix; remaining ties go to the earliest in
   * {@code candidates} (the host orders them oldest Ingress first, as ingress-nginx does).
   */
  public static Optional<IngressPath> bestMatch(List<IngressPath> candidates, String requestPath) {
    requireNonNull(candidates, "candidates");
    requireNonNull(requestPath, "requestPath");
    // min() keeps the first of equal elements (BinaryOperator.minBy), which gives the order tie-break.
    return candidates.stream()
        .filter(p -> p.matches(requestPath))
        .min(Comparator.comparingInt(IngressPath::matchLength).reversed()
            .thenComparing(p -> p.type() == PathType.EXACT ? 0 : 1));
  }

  private static List<String> elements(String p) {
    return Arrays.stream(p.split("/")).filter(s -> !s.isEmpty()).toList();
  }
}
