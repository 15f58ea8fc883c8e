package io.capstan.runtime.apiserver.table;

import static io.capstan.runtime.apiserver.table.Cells.list;
import static io.capstan.runtime.apiserver.table.Cells.str;
import static io.capstan.runtime.apiserver.table.Columns.AGE;
import static io.capstan.runtime.apiserver.table.Columns.NAME;
import static io.capstan.runtime.apiserver.table.Columns.col;
import static io.capstan.runtime.apiserver.table.Columns.wide;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' printers for leases ({@code printLease}: NAME HOLDER AGE), role bindings and cluster
 * role bindings ({@code printRoleBinding}: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS),
 * priority classes ({@code printPriorityClass}: NAME VALUE GLOBAL-DEFAULT AGE, wide
 * PREEMPTIONPOLICY) and pod disruption budgets ({@code printPodDisruptionBudget}: NAME MIN
 * AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE). Stateless.
 */
final class PolicyPrinters {

  private PolicyPrinters() {}

  static KindPrinter lease() {
    return TypedPrinter.of(Lease.class, List.of(NAME,
        col("Holder", "string", "holderIdentity contains the identity of the holder of a current lease."), AGE),
        (l, now) -> Columns.cells(l.getMetadata().getName(), l.getSpec() == null ? ""
            : str(l.getSpec().getHolderIdentity()), Ages.since(l.getMetadata().getCreationTimestamp(), now)));
  }

  private static List<TableColumnDefinition> bindingColumns(String what) {
    return List.of(NAME, col("Role", "string", "RoleRef can reference a Role in the current namespace or a "
        + "ClusterRole in the global namespace."), AGE,
        wide("Users", "string", "Users in the " + what), wide("Groups", "string", "Groups in the " + what),
        wide("ServiceAccounts", "string", "ServiceAccounts in the " + what));
  }

  static KindPrinter roleBinding() {
    return TypedPrinter.of(RoleBinding.class, bindingColumns("roleBinding"),
        (rb, now) -> binding(rb.getMetadata().getName(), rb.getRoleRef(), rb.getSubjects(),
            Ages.since(rb.getMetadata().getCreationTimestamp(), now)));
  }

  static KindPrinter clusterRoleBinding() {
    return TypedPrinter.of(ClusterRoleBinding.class, bindingColumns("clusterRoleBinding"),
        (rb, now) -> binding(rb.getMetadata().getName(), rb.getRoleRef(), rb.getSubjects(),
            Ages.since(rb.getMetadata().getCreationTimestamp(), now)));
  }

  /** The cells of a binding; subjects split as {@code rbac.SubjectsStrings}. */
  private static List<Object> binding(String name, RoleRef ref, List<Subject> subjects, String age) {
    List<String> users = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<String> serviceAccounts = new ArrayList<>();
    for (Subject s : list(subjects)) {
      switch (str(s.getKind())) {
        case "ServiceAccount" -> serviceAccounts.add(str(s.getNamespace()) + "/" + str(s.getName()));
        case "User" -> users.add(str(s.getName()));
        case "Group" -> groups.add(str(s.getName()));
        default -> { } // Kubernetes collects other kinds apart and does not print them
      }
    }
    String role = ref == null ? "/" : str(ref.getKind()) + "/" + str(ref.getName());
    return Columns.cells(name, role, age, String.join(", ", users), String.join(", ", groups),
        String.join(", ", serviceAccounts));
  }

  static KindPrinter priorityClass() {
    return TypedPrinter.of(PriorityClass.class, List.of(NAME,
        col("Value", "integer", "value represents the integer value of this priority class."),
        col("Global-Default", "boolean", "globalDefault specifies whether this PriorityClass should be considered "
            + "as the default priority for pods that do not have any priority class."), AGE,
        wide("PreemptionPolicy", "string", "preemptionPolicy is the Policy for preempting pods with lower "
            + "priority.")), (pc, now) -> Columns.cells(pc.getMetadata().getName(), Cells.num(pc.getValue()),
                Boolean.TRUE.equals(pc.getGlobalDefault()), Ages.since(pc.getMetadata().getCreationTimestamp(), now),
                str(pc.getPreemptionPolicy())));
  }

  static KindPrinter podDisruptionBudget() {
    return TypedPrinter.of(PodDisruptionBudget.class, List.of(NAME,
        col("Min Available", "string", "The minimum number of pods that must be available."),
        col("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
        col("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."), AGE),
        (pdb, now) -> {
          var spec = pdb.getSpec();
          String min = spec == null || spec.getMinAvailable() == null ? "N/A"
              : Cells.intOrString(spec.getMinAvailable());
          String max = spec == null || spec.getMaxUnavailable() == null ? "N/A"
              : Cells.intOrString(spec.getMaxUnavailable());
          return Columns.cells(pdb.getMetadata().getName(), min, max,
              pdb.getStatus() == null ? 0L : Cells.num(pdb.getStatus().getDisruptionsAllowed()),
              Ages.since(pdb.getMetadata().getCreationTimestamp(), now));
        });
  }
}
