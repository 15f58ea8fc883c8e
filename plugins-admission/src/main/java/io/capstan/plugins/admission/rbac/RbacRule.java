package io.capstan.plugins.admission.rbac;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.auth.AuthorizationAttributes;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One PolicyRule prepared for matching, with Kubernetes' RBAC semantics ({@code RuleAllows}):
 * {@code *} matches every verb, group or resource; {@code &#42;/scale} matches the {@code scale}
 * subresource of any resource; an empty {@code resourceNames} matches any name; a non-resource
 * URL ending in {@code *} matches by prefix. A rule with resources never matches a non-resource
 * request and the other way round. Immutable.
 *
 * @param source the rule as written (kept for escalation checks and messages)
 */
record RbacRule(PolicyRule source, boolean anyVerb, Set<String> verbs, boolean anyGroup,
    Set<String> groups, boolean anyResource, Set<String> resources, Set<String> names,
    boolean anyUrl, Set<String> urls, List<String> urlPrefixes) {

  RbacRule {
    requireNonNull(source, "source");
  }

  /** Prepares a rule; absent lists are empty lists. */
  static RbacRule of(PolicyRule rule) {
    List<String> verbs = list(rule.getVerbs());
    List<String> groups = list(rule.getApiGroups());
    List<String> resources = list(rule.getResources());
    List<String> urls = list(rule.getNonResourceURLs());
    List<String> prefixes = new ArrayList<>();
    for (String url : urls) {
      if (url.endsWith("*")) {
        prefixes.add(trimStars(url));
      }
    }
    return new RbacRule(rule, verbs.contains("*"), Set.copyOf(verbs), groups.contains("*"),
        Set.copyOf(groups), resources.contains("*"), Set.copyOf(resources),
        Set.copyOf(list(rule.getResourceNames())), urls.contains("*"), Set.copyOf(urls),
        List.copyOf(prefixes));
  }

  /** Whether this rule allows the request. */
  boolean allows(AuthorizationAttributes request) {
    if (!(anyVerb || verbs.contains(request.verb()))) {
      return false;
    }
    if (!request.resourceRequest()) {
      return urlMatches(request.path());
    }
    if (!(anyGroup || groups.contains(request.apiGroup()))) {
      return false;
    }
    if (!resourceMatches(request.resource(), request.subresource())) {
      return false;
    }
    return names.isEmpty() || names.contains(request.name());
  }

  private boolean resourceMatches(String resource, String subresource) {
    if (anyResource) {
      return true;
    }
    if (subresource.isEmpty()) {
      return resources.contains(resource);
    }
    return resources.contains(resource + "/" + subresource) || resources.contains("*/" + subresource);
  }

  private boolean urlMatches(String path) {
    if (anyUrl || urls.contains(path)) {
      return true;
    }
    for (String prefix : urlPrefixes) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  static String trimStars(String url) {
    int end = url.length();
    while (end > 0 && url.charAt(end - 1) == '*') {
      end--;
    }
    return url.substring(0, end);
  }

  static List<String> list(List<String> values) {
    return values == null ? List.of() : values.stream().filter(v -> v != null).toList();
  }
}
