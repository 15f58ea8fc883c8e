package io.capstan.plugins.admission.resourcequota;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.admission.AdmissionException;
import io.capstan.spi.api.CanonicalQuantity;
import io.capstan.spi.api.Quantities;
import io.capstan.spi.api.QuotaScopes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The decision of Kubernetes' quota admission ({@code checkRequest} in
 * plugin/pkg/admission/resourcequota, Kubernetes 1.32) for one new object against the quotas of its
 * namespace: every quota whose scopes select the object and whose {@code hard} names something the
 * object uses must have room for it; the result is the quotas with their {@code status.used}
 * raised by the object's usage (and {@code status.hard} mirrored from the spec), for the caller to
 * write. A quota that has no usage yet for a resource gets it from {@code observedUsage} (the
 * cluster as it is), so a quota works before the controller has seen it. Pure; thread-safe.
 */
final class QuotaCheck {

  /** Resources for which Kubernetes requires every container to state a value when quota caps them. */
  private static final Set<String> MUST_SPECIFY = Set.of("cpu", "memory", "requests.cpu", "requests.memory",
      "limits.cpu", "limits.memory");

  private QuotaCheck() {}

  /**
   * @param quotas the namespace's quotas (in name order for a stable message)
   * @param delta what the object uses ({@link io.capstan.spi.api.QuotaUsage#of})
   * @param containers for pods, each container's usage (name → quota names it states); empty otherwise
   * @param observedUsage computes a quota's current usage of some resources from the cluster
   * @return the quotas to write, with their new status; empty when no quota applies
   * @throws AdmissionException (403) naming the first quota the object would exceed
   */
  static List<ResourceQuota> charge(String plugin, List<ResourceQuota> quotas, HasMetadata object,
      Map<String, CanonicalQuantity> delta, Map<String, Set<String>> containers,
      BiFunction<ResourceQuota, Set<String>, Map<String, CanonicalQuantity>> observedUsage) {
    requireNonNull(observedUsage, "observedUsage");
    List<ResourceQuota> charged = new ArrayList<>();
    for (ResourceQuota quota : quotas) {
      if (quota.getSpec() == null || quota.getSpec().getHard() == null || !QuotaScopes.matches(quota.getSpec(), object)) {
        continue;
      }
      Map<String, Quantity> hard = quota.getSpec().getHard();
      String name = quota.getMetadata().getName();
      if (!containers.isEmpty()) {
        requireSpecified(plugin, name, hard.keySet(), containers);
      }
      Set<String> restricted = new TreeSet<>(hard.keySet());
      restricted.retainAll(delta.keySet());
      if (restricted.isEmpty()) {
        continue;
      }
      Map<String, CanonicalQuantity> used = used(quota);
      Set<String> unknown = restricted.stream().filter(k -> !used.containsKey(k)).collect(Collectors.toCollection(TreeSet::new));
      if (!unknown.isEmpty()) {
        used.putAll(observedUsage.apply(quota, unknown));
      }
      Map<String, CanonicalQuantity> next = new TreeMap<>(used);
      Set<String> exceeded = new TreeSet<>();
      for (String key : restricted) {
        CanonicalQuantity total = used.getOrDefault(key, CanonicalQuantity.ZERO).add(delta.get(key));
        next.put(key, total);
        if (total.compareTo(Quantities.parse(hard.get(key))) > 0) {
          exceeded.add(key);
        }
      }
      if (!exceeded.isEmpty()) {
        throw AdmissionException.forbidden(plugin, "exceeded quota: " + name
            + ", requested: " + pretty(exceeded, delta)
            + ", used: " + pretty(exceeded, used)
            + ", limited: " + pretty(exceeded, parsed(hard)));
      }
      charged.add(withUsage(quota, next));
    }
    return charged;
  }

  private static void requireSpecified(String plugin, String quota, Set<String> hard, Map<String, Set<String>> containers) {
    Map<String, Set<String>> missing = new TreeMap<>();
    for (String resource : hard) {
      if (!MUST_SPECIFY.contains(resource)) {
        continue;
      }
      containers.forEach((container, stated) -> {
        if (!stated.contains(resource)) {
          missing.computeIfAbsent(resource, r -> new TreeSet<>()).add(container);
        }
      });
    }
    if (!missing.isEmpty()) {
      throw AdmissionException.forbidden(plugin, "failed quota: " + quota + ": must specify "
          + missing.entrySet().stream().map(e -> e.getKey() + " for: " + String.join(",", e.getValue()))
              .collect(Collectors.joining("; ")));
    }
  }

  static Map<String, CanonicalQuantity> used(ResourceQuota quota) {
    Map<String, CanonicalQuantity> used = new TreeMap<>();
    if (quota.getStatus() != null && quota.getStatus().getUsed() != null) {
      quota.getStatus().getUsed().forEach((k, v) -> used.put(k, Quantities.parse(v)));
    }
    return used;
  }

  private static Map<String, CanonicalQuantity> parsed(Map<String, Quantity> values) {
    Map<String, CanonicalQuantity> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, Quantities.parse(v)));
    return out;
  }

  private static ResourceQuota withUsage(ResourceQuota quota, Map<String, CanonicalQuantity> used) {
    Map<String, Quantity> usedOut = new TreeMap<>();
    used.forEach((k, v) -> usedOut.put(k, Quantities.toFabric8(v)));
    return new ResourceQuotaBuilder(quota).editOrNewStatus()
        .withHard(new TreeMap<>(quota.getSpec().getHard())).withUsed(usedOut).endStatus().build();
  }

  /** Kubernetes' {@code prettyPrint}: {@code name=value} pairs in name order, comma-separated. */
  private static String pretty(Set<String> keys, Map<String, CanonicalQuantity> values) {
    return keys.stream().map(k -> k + "=" + values.getOrDefault(k, CanonicalQuantity.ZERO))
        .collect(Collectors.joining(","));
  }
}
