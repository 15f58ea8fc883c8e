package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a ResourceQuota's {@code scopes} and {@code scopeSelector} select an object, as
 * Kubernetes' pod evaluator decides: {@code Terminating} (pods with
 * {@code activeDeadlineSeconds}), {@code NotTerminating}, {@code BestEffort} (no requests or limits
 * on any container), {@code NotBestEffort}, and {@code PriorityClass} with In/NotIn/Exists/
 * DoesNotExist on {@code priorityClassName}. Scopes select pods only: a scoped quota charges no
 * other kind. Stateless.
 */
public final class QuotaScopes {

  private QuotaScopes() {}

  /** True when the quota (with no scopes: every object) applies to {@code object}. */
  public static boolean matches(ResourceQuotaSpec spec, HasMetadata object) {
    requireNonNull(object, "object");
    List<ScopedResourceSelectorRequirement> requirements = requirements(spec);
    if (requirements.isEmpty()) {
      return true;
    }
    if (!(object instanceof Pod pod)) {
      return false;
    }
    return requirements.stream().allMatch(r -> matches(r, pod));
  }

  private static List<ScopedResourceSelectorRequirement> requirements(ResourceQuotaSpec spec) {
    List<ScopedResourceSelectorRequirement> out = new ArrayList<>();
    if (spec == null) {
      return out;
    }
    if (spec.getScopes() != null) {
      spec.getScopes().forEach(s -> out.add(new ScopedResourceSelectorRequirement("Exists", s, List.of())));
    }
    if (spec.getScopeSelector() != null && spec.getScopeSelector().getMatchExpressions() != null) {
      out.addAll(spec.getScopeSelector().getMatchExpressions());
    }
    return out;
  }

  private static boolean matches(ScopedResourceSelectorRequirement r, Pod pod) {
    String scope = r.getScopeName();
    return switch (scope) {
      case "Terminating" -> terminating(pod);
      case "NotTerminating" -> !terminating(pod);
      case "BestEffort" -> bestEffort(pod);
      case "NotBestEffort" -> !bestEffort(pod);
      case "PriorityClass" -> priorityClass(r, pod);
      default -> false; // CrossNamespacePodAffinity and unknown scopes: not modelled, match nothing
    };
  }

  private static boolean priorityClass(ScopedResourceSelectorRequirement r, Pod pod) {
    String name = pod.getSpec() == null ? null : pod.getSpec().getPriorityClassName();
    boolean has = name != null && !name.isEmpty();
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator() == null ? "Exists" : r.getOperator()) {
      case "In" -> has && values.contains(name);
      case "NotIn" -> !has || !values.contains(name);
      case "DoesNotExist" -> !has;
      default -> has;
    };
  }

  private static boolean terminating(Pod pod) {
    Long deadline = pod.getSpec() == null ? null : pod.getSpec().getActiveDeadlineSeconds();
    return deadline != null && deadline >= 0;
  }

  /** Kubernetes' QoS BestEffort: no container (init or regular) asks for or caps cpu or memory. */
  public static boolean bestEffort(Pod pod) {
    if (pod.getSpec() == null) {
      return true;
    }
    List<Container> all = new ArrayList<>();
    if (pod.getSpec().getContainers() != null) {
      all.addAll(pod.getSpec().getContainers());
    }
    if (pod.getSpec().getInitContainers() != null) {
      all.addAll(pod.getSpec().getInitContainers());
    }
    for (Container c : all) {
      for (boolean requests : new boolean[] {true, false}) {
        var values = QuotaUsage.of(c.getResources(), requests);
        if (values.containsKey("cpu") || values.containsKey("memory")) {
          return false;
        }
      }
    }
    return true;
  }
}
