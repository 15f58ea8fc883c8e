package io.capstan.plugins.admission.rbac;

import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grants of one scope (the cluster, or one namespace) by subject: by user name (service
 * accounts as {@code system:serviceaccount:<ns>:<name>}) and by group name. Lists are immutable and
 * replaced whole, so readers never lock and never see a half-applied binding.
 */
final class RbacBindingIndex {

  static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  private final Map<String, List<RbacGrant>> byUser = new ConcurrentHashMap<>();
  private final Map<String, List<RbacGrant>> byGroup = new ConcurrentHashMap<>();
  // binding name -> the user and group keys it added to, so removal touches only those
  private final Map<String, List<String>> usersOf = new ConcurrentHashMap<>();
  private final Map<String, List<String>> groupsOf = new ConcurrentHashMap<>();

  List<RbacGrant> ofUser(String user) {
    return byUser.getOrDefault(user, List.of());
  }

  List<RbacGrant> ofGroup(String group) {
    return byGroup.getOrDefault(group, List.of());
  }

  boolean isEmpty() {
    return byUser.isEmpty() && byGroup.isEmpty();
  }

  /** Adds the grants of a binding. {@code namespace} is {@code ""} for a ClusterRoleBinding. */
  void add(String bindingKind, String name, String namespace, RoleRef roleRef, List<Subject> subjects) {
    if (roleRef == null || subjects == null) {
      return;
    }
    List<String> users = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    for (Subject subject : subjects) {
      if (subject == null || subject.getName() == null || subject.getKind() == null) {
        continue;
      }
      RbacGrant grant = new RbacGrant(bindingKind, name, namespace,
          String.valueOf(roleRef.getKind()), String.valueOf(roleRef.getName()), subject);
      switch (subject.getKind()) {
        case "User" -> append(byUser, users, subject.getName(), grant);
        case "Group" -> append(byGroup, groups, subject.getName(), grant);
        case "ServiceAccount" -> {
          // A RoleBinding may leave the namespace out: it means the binding's own (Kubernetes).
          String ns = subject.getNamespace() == null || subject.getNamespace().isEmpty()
              ? namespace : subject.getNamespace();
          if (!ns.isEmpty()) {
            append(byUser, users, SERVICE_ACCOUNT_PREFIX + ns + ":" + subject.getName(), grant);
          }
        }
        default -> { } // unknown kinds apply to no one, as in Kubernetes
      }
    }
    usersOf.put(name, List.copyOf(users));
    groupsOf.put(name, List.copyOf(groups));
  }

  /** Removes every grant of the named binding. */
  void remove(String name) {
    removeFrom(byUser, usersOf.remove(name), name);
    removeFrom(byGroup, groupsOf.remove(name), name);
  }

  private static void append(Map<String, List<RbacGrant>> index, List<String> keys, String key,
      RbacGrant grant) {
    keys.add(key);
    index.compute(key, (k, old) -> {
      List<RbacGrant> grants = new ArrayList<>(old == null ? List.of() : old);
      grants.add(grant);
      return List.copyOf(grants);
    });
  }

  private static void removeFrom(Map<String, List<RbacGrant>> index, List<String> keys,
      String bindingName) {
    if (keys == null) {
      return;
    }
    for (String key : keys) {
      index.computeIfPresent(key, (k, old) -> {
        List<RbacGrant> kept = old.stream().filter(g -> !g.bindingName().equals(bindingName)).toList();
        return kept.isEmpty() ? null : kept;
      });
    }
  }
}
