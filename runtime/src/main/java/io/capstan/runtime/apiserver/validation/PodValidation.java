package io.capstan.runtime.apiserver.validation;

import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;

/**
 * Pods and PodTemplates: Kubernetes' {@code ValidatePodCreate} and {@code ValidatePodUpdate}
 * (pkg/apis/core/validation/validation.go, 1.32). A pod's spec is immutable except for container
 * images, {@code activeDeadlineSeconds} (set, or lowered), added tolerations and a negative
 * {@code terminationGracePeriodSeconds} going to 1. Stateless.
 */
final class PodValidation {

  /** The updatable fields, exactly as Kubernetes lists them in the Forbidden message. */
  static final String UPDATABLE_FIELDS = String.join(",", "`spec.containers[*].image`",
      "`spec.initContainers[*].image`", "`spec.activeDeadlineSeconds`",
      "`spec.tolerations` (only additions to existing tolerations)",
      "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");

  private static final FieldPath SPEC = FieldPath.root("spec");

  private PodValidation() {}

  static void create(Pod pod, FieldErrors errs) {
    PodSpecValidation.spec(pod.getSpec() == null ? new PodSpec() : pod.getSpec(), SPEC, errs);
  }

  static void createTemplate(PodTemplate template, FieldErrors errs) {
    PodSpecValidation.template(template.getTemplate(), FieldPath.root("template"), errs);
  }

  /** What an update may change (the spec rules themselves run first, see BuiltInRules). */
  static void update(Pod pod, Pod old, FieldErrors errs) {
    PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    PodSpec oldSpec = old.getSpec() == null ? new PodSpec() : old.getSpec();
    if (!containerUpdates(spec.getContainers(), oldSpec.getContainers(), SPEC.child("containers"), errs)
        || !containerUpdates(spec.getInitContainers(), oldSpec.getInitContainers(), SPEC.child("initContainers"), errs)) {
      return;
    }
    FieldPath deadlinePath = SPEC.child("activeDeadlineSeconds");
    Long deadline = spec.getActiveDeadlineSeconds();
    Long oldDeadline = oldSpec.getActiveDeadlineSeconds();
    if (deadline != null) {
      if (deadline < 0 || deadline > Integer.MAX_VALUE) {
        errs.invalid(deadlinePath, deadline, NameRules.inclusiveRange(0, Integer.MAX_VALUE));
        return;
      }
      if (oldDeadline != null && oldDeadline < deadline) {
        errs.invalid(deadlinePath, deadline, "must be less than or equal to previous value");
        return;
      }
    } else if (oldDeadline != null) {
      errs.invalid(deadlinePath, null, "must not update from a positive integer to nil value");
    }
    onlyAddedTolerations(spec.getTolerations(), oldSpec.getTolerations(), SPEC.child("tolerations"), errs);
    onlyRemovedSchedulingGates(spec, oldSpec, errs);
    if (Semantic.equal(spec, oldSpec)) {
      return;
    }
    PodSpec munged = munge(spec, oldSpec);
    if (!Semantic.equal(munged, oldSpec)) {
      errs.forbidden(SPEC, "pod updates may not change fields other than " + UPDATABLE_FIELDS + "\n" + diff(oldSpec, munged));
    }
  }

  /** {@code ValidateContainerUpdates}; false when the lists differ in length (Kubernetes stops there). */
  private static boolean containerUpdates(List<Container> now, List<Container> before, FieldPath path, FieldErrors errs) {
    List<Container> n = now == null ? List.of() : now;
    List<Container> o = before == null ? List.of() : before;
    if (n.size() != o.size()) {
      errs.forbidden(path, "pod updates may not add or remove containers");
      return false;
    }
    for (int i = 0; i < n.size(); i++) {
      String image = MetaValidation.text(n.get(i).getImage());
      if (!image.strip().equals(image)) {
        errs.invalid(path.index(i).child("image"), image, "must not have leading or trailing whitespace");
      }
    }
    return true;
  }

  /**
   * {@code validatePodSchedulingGates} on update (KEP-3521): scheduling gates may only be removed,
   * which is how a queue controller releases a pod to the scheduler.
   */
  private static void onlyRemovedSchedulingGates(PodSpec spec, PodSpec old, FieldErrors errs) {
    List<io.fabric8.kubernetes.api.model.PodSchedulingGate> before = old.getSchedulingGates() == null ? List.of() : old.getSchedulingGates();
    for (io.fabric8.kubernetes.api.model.PodSchedulingGate gate : spec.getSchedulingGates() == null
        ? List.<io.fabric8.kubernetes.api.model.PodSchedulingGate>of() : spec.getSchedulingGates()) {
      if (before.stream().noneMatch(g -> java.util.Objects.equals(g.getName(), gate.getName()))) {
        errs.forbidden(SPEC.child("schedulingGates"), "only deletion is allowed, but found new scheduling gate '" + gate.getName() + "'");
        return;
      }
    }
  }

  /** {@code validateOnlyAddedTolerations}: every old toleration stays, only its tolerationSeconds may change. */
  private static void onlyAddedTolerations(List<Toleration> now, List<Toleration> before, FieldPath path,
      FieldErrors errs) {
    List<Toleration> n = now == null ? List.of() : now;
    for (Toleration old : before == null ? List.<Toleration>of() : before) {
      boolean found = n.stream().anyMatch(t -> {
        Toleration clone = copy(old, Toleration.class);
        clone.setTolerationSeconds(t.getTolerationSeconds());
        return Semantic.equal(clone, t);
      });
      if (!found) {
        errs.forbidden(path, "existing toleration can not be modified except its tolerationSeconds");
        return;
      }
    }
  }

  /** The new spec with every field an update may change put back to its old value. */
  private static PodSpec munge(PodSpec spec, PodSpec old) {
    PodSpec munged = copy(spec, PodSpec.class);
    restoreImages(munged.getContainers(), old.getContainers());
    restoreImages(munged.getInitContainers(), old.getInitContainers());
    munged.setActiveDeadlineSeconds(old.getActiveDeadlineSeconds());
    munged.setTolerations(old.getTolerations() == null ? null : new ArrayList<>(old.getTolerations()));
    munged.setSchedulingGates(old.getSchedulingGates() == null ? null : new ArrayList<>(old.getSchedulingGates()));
    Long oldGrace = old.getTerminationGracePeriodSeconds();
    Long grace = munged.getTerminationGracePeriodSeconds();
    if (oldGrace != null && oldGrace < 0 && grace != null && grace == 1) {
      munged.setTerminationGracePeriodSeconds(oldGrace);
    }
    return munged;
  }

  private static void restoreImages(List<Container> munged, List<Container> old) {
    if (munged == null || old == null) {
      return;
    }
    for (int i = 0; i < Math.min(munged.size(), old.size()); i++) {
      munged.get(i).setImage(old.get(i).getImage());
    }
  }

  /**
   * A short diff in place of Kubernetes' {@code cmp.Diff} of the Go structs (which Capstan cannot
   * reproduce): one {@code -}/{@code +} pair per changed top-level spec field, in JSON.
   */
  static String diff(PodSpec old, PodSpec munged) {
    StringBuilder s = new StringBuilder();
    var left = Semantic.normalized(old);
    var right = Semantic.normalized(munged);
    for (String field : Semantic.differingFields(old, munged)) {
      s.append("  - ").append(field).append(": ").append(left.path(field).isMissingNode() ? "null" : left.get(field))
          .append("\n  + ").append(field).append(": ").append(right.path(field).isMissingNode() ? "null" : right.get(field))
          .append('\n');
    }
    return s.toString();
  }

  private static <T> T copy(Object value, Class<T> type) {
    return KubeJson.mapper().convertValue(value, type);
  }
}
