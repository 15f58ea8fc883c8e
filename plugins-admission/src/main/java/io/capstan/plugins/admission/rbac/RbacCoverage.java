package io.capstan.plugins.admission.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether one set of rules covers another, as Kubernetes' escalation check decides it
 * ({@code validation.Covers}): each rule asked for is broken down into single group, resource,
 * verb and name pieces, and every piece must be covered by some rule held. Also Kubernetes'
 * compact text of the missing pieces for the 403 message.
 */
final class RbacCoverage {

  private RbacCoverage() {}

  /** The pieces of {@code wanted} that no rule of {@code held} covers; empty when covered. */
  static List<PolicyRule> uncovered(List<PolicyRule> held, List<PolicyRule> wanted) {
    List<PolicyRule> missing = new ArrayList<>();
    for (PolicyRule rule : wanted) {
      for (PolicyRule piece : breakdown(rule)) {
        if (held.stream().noneMatch(owner -> covers(owner, piece))) {
          missing.add(piece);
        }
      }
    }
    return missing;
  }

  /** One rule per group × resource × verb (× name), and per URL × verb. */
  static List<PolicyRule> breakdown(PolicyRule rule) {
    List<PolicyRule> pieces = new ArrayList<>();
    List<String> names = RbacRule.list(rule.getResourceNames());
    for (String group : RbacRule.list(rule.getApiGroups())) {
      for (String resource : RbacRule.list(rule.getResources())) {
        for (String verb : RbacRule.list(rule.getVerbs())) {
          if (names.isEmpty()) {
            pieces.add(new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verb).build());
          }
          for (String name : names) {
            pieces.add(new PolicyRuleBuilder().withApiGroups(group).withResources(resource)
                .withVerbs(verb).withResourceNames(name).build());
          }
        }
      }
    }
    for (String url : RbacRule.list(rule.getNonResourceURLs())) {
      for (String verb : RbacRule.list(rule.getVerbs())) {
        pieces.add(new PolicyRuleBuilder().withNonResourceURLs(url).withVerbs(verb).build());
      }
    }
    return pieces;
  }

  /** Whether {@code owner} covers {@code piece} (a rule with at most one of each attribute). */
  static boolean covers(PolicyRule owner, PolicyRule piece) {
    List<String> verbs = RbacRule.list(owner.getVerbs());
    List<String> groups = RbacRule.list(owner.getApiGroups());
    List<String> names = RbacRule.list(owner.getResourceNames());
    List<String> pieceNames = RbacRule.list(piece.getResourceNames());
    boolean verbOk = verbs.contains("*") || verbs.containsAll(RbacRule.list(piece.getVerbs()));
    boolean groupOk = groups.contains("*") || groups.containsAll(RbacRule.list(piece.getApiGroups()));
    boolean nameOk = pieceNames.isEmpty() ? names.isEmpty() : names.isEmpty() || names.containsAll(pieceNames);
    return verbOk && groupOk && nameOk
        && resourcesCover(RbacRule.list(owner.getResources()), RbacRule.list(piece.getResources()))
        && urlsCover(RbacRule.list(owner.getNonResourceURLs()), RbacRule.list(piece.getNonResourceURLs()));
  }

  private static boolean resourcesCover(List<String> owner, List<String> wanted) {
    if (owner.contains("*") || owner.containsAll(wanted)) {
      return true;
    }
    for (String resource : wanted) {
      if (owner.contains(resource)) {
        continue;
      }
      int slash = resource.indexOf('/');
      if (slash < 0 || !owner.contains("*/" + resource.substring(slash + 1))) {
        return false;
      }
    }
    return true;
  }

  private static boolean urlsCover(List<String> owner, List<String> wanted) {
    for (String path : wanted) {
      boolean covered = owner.stream().anyMatch(o -> o.equals(path)
          || (o.endsWith("*") && path.startsWith(RbacRule.trimStars(o))));
      if (!covered) {
        return false;
      }
    }
    return true;
  }

  /**
   * Kubernetes' text of missing rules: pieces differing only by verb merged, each as
   * {@code {APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}}, sorted, one per line.
   */
  static String describe(List<PolicyRule> missing) {
    Map<List<List<String>>, List<String>> simple = new LinkedHashMap<>();
    List<PolicyRule> compacted = new ArrayList<>();
    for (PolicyRule rule : missing) {
      List<String> groups = RbacRule.list(rule.getApiGroups());
      List<String> resources = RbacRule.list(rule.getResources());
      List<String> names = RbacRule.list(rule.getResourceNames());
      boolean isSimple = groups.size() == 1 && resources.size() == 1 && names.size() <= 1
          && RbacRule.list(rule.getNonResourceURLs()).isEmpty();
      if (!isSimple) {
        compacted.add(rule);
        continue;
      }
      List<String> verbs = simple.computeIfAbsent(List.of(groups, resources, names), k -> new ArrayList<>());
      for (String verb : RbacRule.list(rule.getVerbs())) {
        if (!verbs.contains(verb)) {
          verbs.add(verb);
        }
      }
    }
    simple.forEach((key, verbs) -> compacted.add(new PolicyRuleBuilder().withApiGroups(key.get(0))
        .withResources(key.get(1)).withResourceNames(key.get(2)).withVerbs(verbs).build()));
    return compacted.stream().map(RbacCoverage::compactString)
        .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining("\n"));
  }

  /** Kubernetes' {@code CompactString} of one rule. */
  static String compactString(PolicyRule rule) {
    List<String> parts = new ArrayList<>();
    part(parts, "APIGroups", rule.getApiGroups());
    part(parts, "Resources", rule.getResources());
    part(parts, "NonResourceURLs", rule.getNonResourceURLs());
    part(parts, "ResourceNames", rule.getResourceNames());
    part(parts, "Verbs", rule.getVerbs());
    return "{" + String.join(", ", parts) + "}";
  }

  private static void part(List<String> parts, String label, List<String> values) {
    List<String> list = RbacRule.list(values);
    if (!list.isEmpty()) {
      parts.add(label + ":" + quoted(list));
    }
  }

  /** Go's {@code %q} of a string slice: {@code ["a" "b"]}. */
  static String quoted(List<String> values) {
    return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(" ", "[", "]"));
  }
}
