package io.capstan.runtime.apiserver.validation;

import io.capstan.spi.api.CanonicalQuantity;
import io.capstan.spi.api.Quantities;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resource names and quantities: Kubernetes' {@code ValidateResourceRequirements},
 * {@code validateContainerResourceName}, {@code ValidateResourceQuantityValue} and the helper
 * predicates of pkg/apis/core/helper ({@code IsNativeResource}, {@code IsExtendedResourceName},
 * {@code IsOvercommitAllowed}). Stateless.
 */
final class ResourceValidation {

  /** The message Kubernetes' JSON decoder gives for unparseable quantity text. */
  static final String BAD_QUANTITY =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  private static final Set<String> STANDARD_CONTAINER = Set.of("cpu", "memory", "ephemeral-storage");
  private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage", "requests.cpu",
      "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
      "pods", "services", "replicationcontrollers", "resourcequotas", "services.nodeports", "services.loadbalancers",
      "secrets", "configmaps", "persistentvolumeclaims", "requests.storage", "storage");
  private static final Set<String> STANDARD_INTEGER = Set.of("pods", "services", "replicationcontrollers",
      "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports",
      "services.loadbalancers");

  private ResourceValidation() {}

  /** A container's {@code resources}: names, non-negative values, requests within limits. */
  static void requirements(ResourceRequirements r, FieldPath path, FieldErrors errs) {
    if (r == null) {
      return;
    }
    FieldPath limPath = path.child("limits");
    FieldPath reqPath = path.child("requests");
    Map<String, Quantity> limits = sorted(r.getLimits());
    Map<String, Quantity> requests = sorted(r.getRequests());
    Map<String, CanonicalQuantity> parsedLimits = new TreeMap<>();
    limits.forEach((name, q) -> {
      FieldPath p = limPath.key(name);
      containerResourceName(name, p, errs);
      quantityValue(name, q, p, errs).ifPresent(v -> parsedLimits.put(name, v));
    });
    requests.forEach((name, q) -> {
      FieldPath p = reqPath.key(name);
      containerResourceName(name, p, errs);
      Optional<CanonicalQuantity> request = quantityValue(name, q, p, errs);
      CanonicalQuantity limit = parsedLimits.get(name);
      if (request.isPresent() && limit != null) {
        int cmp = request.get().compareTo(limit);
        if (cmp != 0 && !overcommitAllowed(name)) {
          errs.invalid(reqPath, request.get().toString(), "must be equal to " + name + " limit of " + limit);
        } else if (cmp > 0) {
          errs.invalid(reqPath, request.get().toString(), "must be less than or equal to " + name + " limit of " + limit);
        }
      } else if (!limits.containsKey(name) && !overcommitAllowed(name)) {
        errs.required(limPath, "Limit must be set for non overcommitable resources");
      }
    });
  }

  /** {@code validateContainerResourceName}. */
  static void containerResourceName(String name, FieldPath path, FieldErrors errs) {
    if (!resourceName(name, path, errs)) {
      return;
    }
    if (!name.contains("/")) {
      if (!STANDARD_CONTAINER.contains(name) && !name.startsWith("hugepages-")) {
        errs.invalid(path, name, "must be a standard resource for containers");
      }
    } else if (!isNative(name) && !isExtended(name)) {
      errs.invalid(path, name, "doesn't follow extended resource name standard");
    }
  }

  /** {@code validateResourceName}: a qualified name, and a standard one when unprefixed; true when valid. */
  static boolean resourceName(String name, FieldPath path, FieldErrors errs) {
    var msgs = NameRules.qualifiedName(name);
    if (!msgs.isEmpty()) {
      errs.invalidEach(path, name, msgs);
      return false;
    }
    if (!name.contains("/") && !STANDARD.contains(name) && !name.startsWith("hugepages-")
        && !name.startsWith("requests.hugepages-")) {
      errs.invalid(path, name, "must be a standard resource type or fully qualified");
      return false;
    }
    return true;
  }

  /**
   * {@code ValidateResourceQuantityValue}: parses, must not be negative, must be whole for integer
   * resources. Returns the value when it parses.
   */
  static Optional<CanonicalQuantity> quantityValue(String resource, Quantity q, FieldPath path, FieldErrors errs) {
    CanonicalQuantity value;
    try {
      value = Quantities.parse(q);
    } catch (IllegalArgumentException e) {
      errs.invalid(path, GoFormat.canonical(q), BAD_QUANTITY);
      return Optional.empty();
    }
    if (value.signum() < 0) {
      errs.invalid(path, value.toString(), FieldErrors.NEGATIVE);
    }
    if (isInteger(resource) && value.amount().stripTrailingZeros().scale() > 0) {
      errs.invalid(path, q, "must be an integer");
    }
    return Optional.of(value);
  }

  /** {@code IsNativeResource}: unprefixed or in the kubernetes.io domain. */
  static boolean isNative(String name) {
    return !name.contains("/") || name.contains("kubernetes.io/");
  }

  /** {@code IsExtendedResourceName}: prefixed outside kubernetes.io, usable as {@code requests.<name>}. */
  static boolean isExtended(String name) {
    return !isNative(name) && !name.startsWith("requests.") && NameRules.qualifiedName("requests." + name).isEmpty();
  }

  /** {@code IsOvercommitAllowed}: native resources except huge pages. */
  static boolean overcommitAllowed(String name) {
    return isNative(name) && !name.startsWith("hugepages-");
  }

  /** {@code IsIntegerResourceName}: object counts and extended resources. */
  static boolean isInteger(String name) {
    return STANDARD_INTEGER.contains(name) || name.startsWith("count/") || isExtended(name);
  }

  private static Map<String, Quantity> sorted(Map<String, Quantity> map) {
    Map<String, Quantity> out = new TreeMap<>();
    if (map != null) {
      map.forEach((k, v) -> out.put(k == null ? "" : k, v == null ? new Quantity("") : v));
    }
    return out;
  }
}
