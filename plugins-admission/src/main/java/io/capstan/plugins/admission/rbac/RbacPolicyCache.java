package io.capstan.plugins.admission.rbac;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.ResourceEventHandler;
import io.capstan.spi.client.SharedInformer;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RBAC objects of the cluster, kept current by the shared informers and indexed for
 * evaluation: bindings by subject (user, group, service account), roles by name with their rules
 * prepared for matching and ClusterRole aggregation already applied. A request therefore costs
 * the bindings of its own user and groups, never a scan of all bindings.
 *
 * <p>Updated on the informers' dispatch threads; read concurrently and without locks.
 */
final class RbacPolicyCache {

  /** Receives the rules that apply to a user; returns true to stop the walk. */
  @FunctionalInterface
  interface RuleVisitor {
    boolean visit(RbacGrant grant, RbacRule rule);
  }

  private volatile Map<String, RbacRole> clusterRoles = Map.of();
  private final Map<String, Map<String, RbacRole>> roles = new ConcurrentHashMap<>();
  private final RbacBindingIndex clusterBindings = new RbacBindingIndex();
  private final Map<String, RbacBindingIndex> roleBindings = new ConcurrentHashMap<>();
  private final List<SharedInformer<?>> informers = new ArrayList<>();
  private SharedInformer<ClusterRole> clusterRoleInformer;

  /** Registers handlers on the four RBAC informers of {@code factory} (does not start it). */
  synchronized void attach(InformerFactory factory) {
    requireNonNull(factory, "factory");
    if (clusterRoleInformer != null) {
      return;
    }
    clusterRoleInformer = factory.sharedInformer(ClusterRole.class);
    SharedInformer<Role> roleInformer = factory.sharedInformer(Role.class);
    SharedInformer<ClusterRoleBinding> crbInformer = factory.sharedInformer(ClusterRoleBinding.class);
    SharedInformer<RoleBinding> rbInformer = factory.sharedInformer(RoleBinding.class);
    informers.addAll(List.of(clusterRoleInformer, roleInformer, crbInformer, rbInformer));
    clusterRoleInformer.addEventHandler(handler(this::clusterRolesChanged));
    roleInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(Role role) { putRole(role); }
      @Override public void onUpdate(Role old, Role role) { putRole(role); }
      @Override public void onDelete(Role role, boolean unknown) { removeRole(role); }
    });
    crbInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(ClusterRoleBinding b) { addClusterBinding(b); }
      @Override public void onUpdate(ClusterRoleBinding old, ClusterRoleBinding b) {
        clusterBindings.remove(old.getMetadata().getName());
        addClusterBinding(b);
      }
      @Override public void onDelete(ClusterRoleBinding b, boolean unknown) {
        clusterBindings.remove(b.getMetadata().getName());
      }
    });
    rbInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(RoleBinding b) { addRoleBinding(b); }
      @Override public void onUpdate(RoleBinding old, RoleBinding b) {
        scope(old.getMetadata().getNamespace()).remove(old.getMetadata().getName());
        addRoleBinding(b);
      }
      @Override public void onDelete(RoleBinding b, boolean unknown) {
        scope(b.getMetadata().getNamespace()).remove(b.getMetadata().getName());
      }
    });
  }

  /** True once every RBAC informer has synced; before that the cache may miss grants. */
  synchronized boolean hasSynced() {
    return !informers.isEmpty() && informers.stream().allMatch(SharedInformer::hasSynced);
  }

  /**
   * Walks the rules that apply to {@code user}: those of ClusterRoleBindings, then, for a
   * namespace, those of the RoleBindings there (Kubernetes' {@code VisitRulesFor}).
   *
   * @return problems met on the way (a binding to a missing role), for the decision's reason
   */
  List<String> visit(UserInfo user, String namespace, RuleVisitor visitor) {
    List<String> errors = new ArrayList<>(0);
    if (walk(clusterBindings, user, "", visitor, errors)) {
      return errors;
    }
    if (!namespace.isEmpty()) {
      RbacBindingIndex local = roleBindings.get(namespace);
      if (local != null) {
        walk(local, user, namespace, visitor, errors);
      }
    }
    return errors;
  }

  /** Every rule that applies to the user in the namespace ({@code ""}: cluster-wide only). */
  List<PolicyRule> rulesFor(UserInfo user, String namespace, List<String> errors) {
    List<PolicyRule> rules = new ArrayList<>();
    errors.addAll(visit(user, namespace, (grant, rule) -> {
      rules.add(rule.source());
      return false;
    }));
    return rules;
  }

  /** The effective rules of a role reference of a binding in {@code namespace}, if it exists. */
  Optional<List<PolicyRule>> roleReferenceRules(String kind, String name, String namespace) {
    return role(kind, name, namespace).map(RbacRole::policyRules);
  }

  private boolean walk(RbacBindingIndex index, UserInfo user, String namespace,
      RuleVisitor visitor, List<String> errors) {
    if (walkGrants(index.ofUser(user.name()), namespace, visitor, errors)) {
      return true;
    }
    for (String group : user.groups()) {
      if (walkGrants(index.ofGroup(group), namespace, visitor, errors)) {
        return true;
      }
    }
    return false;
  }

  private boolean walkGrants(List<RbacGrant> grants, String namespace, RuleVisitor visitor,
      List<String> errors) {
    for (RbacGrant grant : grants) {
      Optional<RbacRole> role = role(grant.roleKind(), grant.roleName(), namespace);
      if (role.isEmpty()) {
        errors.add(grant.roleKind().toLowerCase(java.util.Locale.ROOT)
            + ".rbac.authorization.k8s.io \"" + grant.roleName() + "\" not found");
        continue;
      }
      for (RbacRule rule : role.get().rules()) {
        if (visitor.visit(grant, rule)) {
          return true;
        }
      }
    }
    return false;
  }

  private Optional<RbacRole> role(String kind, String name, String namespace) {
    if (RbacGrant.CLUSTER_ROLE.equals(kind)) {
      return Optional.ofNullable(clusterRoles.get(name));
    }
    if (RbacGrant.ROLE.equals(kind) && !namespace.isEmpty()) {
      Map<String, RbacRole> local = roles.get(namespace);
      return Optional.ofNullable(local == null ? null : local.get(name));
    }
    return Optional.empty();
  }

  private void clusterRolesChanged() {
    List<ClusterRole> all = clusterRoleInformer.lister().list("");
    Map<String, RbacRole> next = new java.util.HashMap<>();
    RbacAggregation.effectiveRules(all).forEach((name, rules) ->
        next.put(name, RbacRole.of(RbacGrant.CLUSTER_ROLE, "", name, rules)));
    clusterRoles = Map.copyOf(next);
  }

  private void putRole(Role role) {
    String ns = role.getMetadata().getNamespace();
    String name = role.getMetadata().getName();
    roles.computeIfAbsent(ns, k -> new ConcurrentHashMap<>())
        .put(name, RbacRole.of(RbacGrant.ROLE, ns, name, role.getRules()));
  }

  private void removeRole(Role role) {
    Map<String, RbacRole> local = roles.get(role.getMetadata().getNamespace());
    if (local != null) {
      local.remove(role.getMetadata().getName());
    }
  }

  private void addClusterBinding(ClusterRoleBinding binding) {
    clusterBindings.add("ClusterRoleBinding", binding.getMetadata().getName(), "",
        binding.getRoleRef(), binding.getSubjects());
  }

  private void addRoleBinding(RoleBinding binding) {
    String ns = binding.getMetadata().getNamespace();
    scope(ns).add("RoleBinding", binding.getMetadata().getName(), ns, binding.getRoleRef(),
        binding.getSubjects());
  }

  private RbacBindingIndex scope(String namespace) {
    return roleBindings.computeIfAbsent(namespace == null ? "" : namespace,
        k -> new RbacBindingIndex());
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> ResourceEventHandler<T>
      handler(Runnable onAnyChange) {
    return new ResourceEventHandler<>() {
      @Override public void onAdd(T object) { onAnyChange.run(); }
      @Override public void onUpdate(T old, T object) {
        if (old != object) {
          onAnyChange.run();
        }
      }
      @Override public void onDelete(T object, boolean unknown) { onAnyChange.run(); }
    };
  }
}
