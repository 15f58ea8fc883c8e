package io.capstan.plugins.admission.rbac;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ResourceClient;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.capstan.spi.api.DeepCopy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the {@link RbacBootstrapPolicy} objects exist, as kube-apiserver's
 * {@code rbac/bootstrap-roles} post-start hook does. A missing object is created. An existing one is
 * reconciled only when it carries {@code rbac.authorization.kubernetes.io/autoupdate: "true"}, and
 * then only additively (missing rules, selectors, subjects, labels and annotations are added; what
 * a user added stays). Without that annotation a user's edits are never touched.
 */
final class RbacBootstrapper {

  private static final Logger LOG = LoggerFactory.getLogger(RbacBootstrapper.class);

  private final ApiClient client;

  RbacBootstrapper(ApiClient client) {
    this.client = requireNonNull(client, "client");
  }

  /** Ensures every default object; throws on the first failure (the caller retries). */
  void ensure() {
    ResourceClient<ClusterRole> roles = client.resources(ClusterRole.class);
    for (ClusterRole wanted : RbacBootstrapPolicy.clusterRoles()) {
      ensure(roles, wanted, RbacBootstrapper::reconcileRole);
    }
    ResourceClient<ClusterRoleBinding> bindings = client.resources(ClusterRoleBinding.class);
    for (ClusterRoleBinding wanted : RbacBootstrapPolicy.clusterRoleBindings()) {
      ensure(bindings, wanted, RbacBootstrapper::reconcileBinding);
    }
  }

  private interface Reconcile<T> {
    /** The object to write, or empty when {@code existing} already holds everything wanted. */
    Optional<T> apply(T existing, T wanted);
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> void ensure(
      ResourceClient<T> resources, T wanted, Reconcile<T> reconcile) {
    String name = wanted.getMetadata().getName();
    Optional<T> existing = resources.get("", name);
    if (existing.isEmpty()) {
      try {
        resources.create(wanted);
        LOG.info("created default {} {}", wanted.getKind(), name);
      } catch (AlreadyExistsException raced) {
        // created meanwhile (another API server); it is reconciled on the next start
      }
      return;
    }
    Map<String, String> annotations = existing.get().getMetadata().getAnnotations();
    if (annotations == null || !"true".equals(annotations.get(RbacBootstrapPolicy.AUTOUPDATE))) {
      return; // the user took it over
    }
    T copy = DeepCopy.of(existing.get());
    Optional<T> updated = reconcile.apply(copy, wanted);
    if (updated.isPresent()) {
      resources.update(updated.get());
      LOG.info("reconciled default {} {}", wanted.getKind(), name);
    }
  }

  private static Optional<ClusterRole> reconcileRole(ClusterRole role, ClusterRole wanted) {
    boolean changed = addMetadata(role, wanted);
    if (wanted.getAggregationRule() != null) {
      AggregationRule rule = role.getAggregationRule() == null ? new AggregationRule() : role.getAggregationRule();
      List<LabelSelector> selectors = new ArrayList<>(
          rule.getClusterRoleSelectors() == null ? List.of() : rule.getClusterRoleSelectors());
      changed |= addMissing(selectors, wanted.getAggregationRule().getClusterRoleSelectors());
      rule.setClusterRoleSelectors(selectors);
      role.setAggregationRule(rule);
    } else {
      List<PolicyRule> rules = new ArrayList<>(role.getRules() == null ? List.of() : role.getRules());
      changed |= addMissing(rules, wanted.getRules());
      role.setRules(rules);
    }
    return changed ? Optional.of(role) : Optional.empty();
  }

  private static Optional<ClusterRoleBinding> reconcileBinding(ClusterRoleBinding binding,
      ClusterRoleBinding wanted) {
    boolean changed = addMetadata(binding, wanted);
    List<Subject> subjects = new ArrayList<>(binding.getSubjects() == null ? List.of() : binding.getSubjects());
    changed |= addMissing(subjects, wanted.getSubjects());
    binding.setSubjects(subjects);
    return changed ? Optional.of(binding) : Optional.empty();
  }

  private static <E> boolean addMissing(List<E> have, List<E> wanted) {
    boolean changed = false;
    for (E element : wanted) {
      if (!have.contains(element)) {
        have.add(element);
        changed = true;
      }
    }
    return changed;
  }

  private static boolean addMetadata(io.fabric8.kubernetes.api.model.HasMetadata object,
      io.fabric8.kubernetes.api.model.HasMetadata wanted) {
    Map<String, String> labels = new LinkedHashMap<>(nonNull(object.getMetadata().getLabels()));
    Map<String, String> annotations = new LinkedHashMap<>(nonNull(object.getMetadata().getAnnotations()));
    boolean changed = putMissing(labels, wanted.getMetadata().getLabels())
        | putMissing(annotations, wanted.getMetadata().getAnnotations());
    object.getMetadata().setLabels(labels);
    object.getMetadata().setAnnotations(annotations);
    return changed;
  }

  private static boolean putMissing(Map<String, String> have, Map<String, String> wanted) {
    boolean changed = false;
    for (Map.Entry<String, String> e : nonNull(wanted).entrySet()) {
      if (!have.containsKey(e.getKey())) {
        have.put(e.getKey(), e.getValue());
        changed = true;
      }
    }
    return changed;
  }

  private static Map<String, String> nonNull(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
