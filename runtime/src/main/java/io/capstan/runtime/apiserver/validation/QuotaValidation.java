package io.capstan.runtime.apiserver.validation;

import io.capstan.spi.api.CanonicalQuantity;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ResourceQuotas and LimitRanges, the basic checks of Kubernetes' {@code ValidateResourceQuota} and
 * {@code ValidateLimitRange} (pkg/apis/core/validation, 1.32): resource names, non-negative (and
 * whole, for counts) quantities, known scopes and limit types, and min &le; default &le; max.
 * Stateless.
 */
final class QuotaValidation {

  private static final List<String> SCOPES = List.of("BestEffort", "CrossNamespacePodAffinity", "NotBestEffort",
      "NotTerminating", "PriorityClass", "Terminating");
  private static final List<String> LIMIT_TYPES = List.of("Container", "PersistentVolumeClaim", "Pod");

  private QuotaValidation() {}

  static void resourceQuota(ResourceQuotaSpec spec, FieldErrors errs) {
    if (spec == null) {
      return;
    }
    FieldPath hard = FieldPath.of("spec", "hard");
    new TreeMap<>(spec.getHard() == null ? Map.<String, Quantity>of() : spec.getHard()).forEach((name, q) -> {
      ResourceValidation.resourceName(name, hard.key(name), errs);
      ResourceValidation.quantityValue(name, q, hard.key(name), errs);
    });
    List<String> scopes = spec.getScopes() == null ? List.of() : spec.getScopes();
    for (int i = 0; i < scopes.size(); i++) {
      if (!SCOPES.contains(scopes.get(i))) {
        errs.notSupported(FieldPath.of("spec", "scopes").index(i), scopes.get(i), SCOPES);
      }
    }
  }

  static void limitRange(List<LimitRangeItem> limits, FieldErrors errs) {
    List<LimitRangeItem> all = limits == null ? List.of() : limits;
    for (int i = 0; i < all.size(); i++) {
      item(all.get(i), FieldPath.of("spec", "limits").index(i), errs);
    }
  }

  private static void item(LimitRangeItem item, FieldPath path, FieldErrors errs) {
    String type = MetaValidation.text(item.getType());
    if (type.isEmpty()) {
      errs.required(path.child("type"), "");
    } else if (!LIMIT_TYPES.contains(type)) {
      errs.notSupported(path.child("type"), type, LIMIT_TYPES);
    }
    Map<String, CanonicalQuantity> max = values(item.getMax(), path.child("max"), errs);
    Map<String, CanonicalQuantity> min = values(item.getMin(), path.child("min"), errs);
    Map<String, CanonicalQuantity> def = values(item.getDefault(), path.child("default"), errs);
    Map<String, CanonicalQuantity> defReq = values(item.getDefaultRequest(), path.child("defaultRequest"), errs);
    values(item.getMaxLimitRequestRatio(), path.child("maxLimitRequestRatio"), errs);
    TreeSet<String> keys = new TreeSet<>(max.keySet());
    keys.addAll(min.keySet());
    keys.addAll(def.keySet());
    keys.addAll(defReq.keySet());
    for (String k : keys) {
      Optional<CanonicalQuantity> lo = Optional.ofNullable(min.get(k));
      Optional<CanonicalQuantity> hi = Optional.ofNullable(max.get(k));
      Optional<CanonicalQuantity> d = Optional.ofNullable(def.get(k));
      Optional<CanonicalQuantity> dr = Optional.ofNullable(defReq.get(k));
      if (lo.isPresent() && hi.isPresent() && lo.get().compareTo(hi.get()) > 0) {
        errs.invalid(path.child("min").key(k), lo.get().toString(), "min value " + lo.get() + " is greater than max value " + hi.get());
      }
      if (dr.isPresent() && lo.isPresent() && lo.get().compareTo(dr.get()) > 0) {
        errs.invalid(path.child("defaultRequest").key(k), dr.get().toString(),
            "min value " + lo.get() + " is greater than default request value " + dr.get());
      }
      if (dr.isPresent() && hi.isPresent() && dr.get().compareTo(hi.get()) > 0) {
        errs.invalid(path.child("defaultRequest").key(k), dr.get().toString(),
            "default request value " + dr.get() + " is greater than max value " + hi.get());
      }
      if (dr.isPresent() && d.isPresent() && dr.get().compareTo(d.get()) > 0) {
        errs.invalid(path.child("defaultRequest").key(k), dr.get().toString(),
            "default request value " + dr.get() + " is greater than default limit value " + d.get());
      }
      if (d.isPresent() && lo.isPresent() && lo.get().compareTo(d.get()) > 0) {
        errs.invalid(path.child("default").key(k), lo.get().toString(), "min value " + lo.get() + " is greater than default value " + d.get());
      }
      if (d.isPresent() && hi.isPresent() && d.get().compareTo(hi.get()) > 0) {
        errs.invalid(path.child("default").key(k), hi.get().toString(), "default value " + d.get() + " is greater than max value " + hi.get());
      }
    }
  }

  private static Map<String, CanonicalQuantity> values(Map<String, Quantity> quantities, FieldPath path, FieldErrors errs) {
    Map<String, CanonicalQuantity> out = new TreeMap<>();
    new TreeMap<>(quantities == null ? Map.<String, Quantity>of() : quantities).forEach((name, q) -> {
      ResourceValidation.resourceName(name, path.key(name), errs);
      ResourceValidation.quantityValue(name, q, path.key(name), errs).ifPresent(v -> out.put(name, v));
    });
    return out;
  }
}
