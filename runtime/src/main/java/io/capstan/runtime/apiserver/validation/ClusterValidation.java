package io.capstan.runtime.apiserver.validation;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Namespaces, Nodes and Leases: Kubernetes' {@code ValidateNamespace}, {@code ValidateNode},
 * {@code ValidateNodeUpdate} (pkg/apis/core/validation) and {@code ValidateLeaseSpec}
 * (pkg/apis/coordination/validation), 1.32. Stateless.
 */
final class ClusterValidation {

  private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");
  private static final String PROVIDER_ID_MSG = "node updates may not change providerID except from \"\" to valid";
  private static final String POD_CIDR_MSG = "node updates may not change podCIDR except from \"\" to valid";

  private ClusterValidation() {}

  /** {@code spec.finalizers}: qualified names, and standard ones when unprefixed. */
  static void namespace(Namespace ns, FieldErrors errs) {
    List<String> finalizers = ns.getSpec() == null || ns.getSpec().getFinalizers() == null
        ? List.of() : ns.getSpec().getFinalizers();
    for (int i = 0; i < finalizers.size(); i++) {
      String f = MetaValidation.text(finalizers.get(i));
      FieldPath path = FieldPath.of("spec", "finalizers").index(i);
      errs.invalidEach(path, f, NameRules.qualifiedName(f));
      if (!f.contains("/") && !STANDARD_FINALIZERS.contains(f)) {
        errs.invalid(path, f, "name is neither a standard finalizer name nor is it fully qualified");
      }
    }
  }

  /** {@code validateNodeTaints}: qualified keys, label values, known effects, unique key and effect. */
  static void node(Node node, FieldErrors errs) {
    List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < taints.size(); i++) {
      Taint t = taints.get(i);
      FieldPath idx = FieldPath.of("spec", "taints").index(i);
      String key = MetaValidation.text(t.getKey());
      errs.invalidEach(idx.child("key"), key, NameRules.qualifiedName(key));
      List<String> valueErrs = NameRules.labelValue(MetaValidation.text(t.getValue()));
      if (!valueErrs.isEmpty()) {
        errs.invalid(idx.child("value"), MetaValidation.text(t.getValue()), String.join(";", valueErrs));
      }
      String effect = MetaValidation.text(t.getEffect());
      if (effect.isEmpty()) {
        errs.required(idx.child("effect"), "");
      } else if (!PodSpecValidation.TAINT_EFFECTS.contains(effect)) {
        errs.notSupported(idx.child("effect"), effect, PodSpecValidation.TAINT_EFFECTS);
      }
      if (!seen.add(effect + "\u0000" + key)) {
        errs.add(new FieldError(ErrorType.DUPLICATE, idx.toString(), t, "taints must be unique by key and effect pair"));
      }
    }
  }

  /** Once set, {@code podCIDRs} and {@code providerID} stay. */
  static void nodeUpdate(Node node, Node old, FieldErrors errs) {
    NodeSpec n = node.getSpec() == null ? new NodeSpec() : node.getSpec();
    NodeSpec o = old.getSpec() == null ? new NodeSpec() : old.getSpec();
    List<String> oldCidrs = o.getPodCIDRs() == null ? List.of() : o.getPodCIDRs();
    List<String> newCidrs = n.getPodCIDRs() == null ? List.of() : n.getPodCIDRs();
    if (!oldCidrs.isEmpty() && !oldCidrs.equals(newCidrs)) {
      errs.forbidden(FieldPath.of("spec", "podCIDRs"), POD_CIDR_MSG);
    }
    String oldProvider = MetaValidation.text(o.getProviderID());
    if (!oldProvider.isEmpty() && !oldProvider.equals(MetaValidation.text(n.getProviderID()))) {
      errs.forbidden(FieldPath.of("spec", "providerID"), PROVIDER_ID_MSG);
    }
  }

  static void lease(LeaseSpec spec, FieldErrors errs) {
    if (spec == null) {
      return;
    }
    if (spec.getLeaseDurationSeconds() != null && spec.getLeaseDurationSeconds() <= 0) {
      errs.invalid(FieldPath.of("spec", "leaseDurationSeconds"), spec.getLeaseDurationSeconds(), "must be greater than 0");
    }
    errs.nonNegative(FieldPath.of("spec", "leaseTransitions"), spec.getLeaseTransitions());
  }
}
