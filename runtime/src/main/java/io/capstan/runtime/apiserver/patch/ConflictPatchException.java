package io.capstan.runtime.apiserver.patch;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A server-side apply that would change fields another manager owns, refused because
 * {@code force} was false: 409 with reason {@code Conflict} and one cause per conflicting field
 * ({@code reason: FieldManagerConflict}, {@code message: conflict with "mgr" using apps/v1},
 * {@code field: .spec.replicas}).
 *
 * <p>Message and causes are worded as {@code k8s.io/apimachinery/pkg/util/managedfields/internal/conflict.go}
 * words them: one conflict gives {@code Apply failed with 1 conflict: conflict with "mgr" using
 * apps/v1: .spec.replicas}; several are grouped by manager, managers sorted.
 */
public final class ConflictPatchException extends PatchException {

  private static final long serialVersionUID = 1L;

  /** One field another manager owns. {@code manager} is already printed ({@code "mgr" using v1}). */
  public record Conflict(String manager, String field) {
    public Conflict {
      requireNonNull(manager, "manager");
      requireNonNull(field, "field");
    }
  }

  private final transient List<Conflict> conflicts;

  private ConflictPatchException(String message, List<StatusCause> causes, List<Conflict> conflicts) {
    super(409, "Conflict", message, causes);
    this.conflicts = List.copyOf(conflicts);
  }

  /** The exception for {@code conflicts}, in the order found (at least one). */
  public static ConflictPatchException of(List<Conflict> conflicts) {
    if (conflicts.isEmpty()) {
      throw new IllegalArgumentException("a conflict error needs at least one conflict");
    }
    List<StatusCause> causes = new ArrayList<>();
    for (Conflict c : conflicts) {
      causes.add(new StatusCauseBuilder().withReason("FieldManagerConflict")
          .withMessage("conflict with " + c.manager()).withField(c.field()).build());
    }
    return new ConflictPatchException(message(conflicts), causes, conflicts);
  }

  private static String message(List<Conflict> conflicts) {
    if (conflicts.size() == 1) {
      Conflict c = conflicts.get(0);
      return "Apply failed with 1 conflict: conflict with " + c.manager() + ": " + c.field();
    }
    Map<String, List<String>> byManager = new TreeMap<>();
    conflicts.forEach(c -> byManager.computeIfAbsent(c.manager(), m -> new ArrayList<>()).add(c.field()));
    List<String> lines = new ArrayList<>();
    byManager.forEach((manager, fields) -> {
      lines.add("conflicts with " + manager + ":");
      fields.forEach(f -> lines.add("- " + f));
    });
    return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
  }

  /** The conflicting fields, in the order found. */
  public List<Conflict> conflicts() {
    return conflicts;
  }
}
