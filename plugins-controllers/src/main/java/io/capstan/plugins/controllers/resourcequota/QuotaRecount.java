package io.capstan.plugins.controllers.resourcequota;

import io.capstan.spi.api.CanonicalQuantity;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.QuotaScopes;
import io.capstan.spi.api.QuotaUsage;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ListOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A quota's usage recomputed from the cluster: for every resource its {@code spec.hard} names,
 * the sum of {@link QuotaUsage} over the objects of the kind that resource belongs to (pods for
 * {@code requests.cpu}, claims for {@code requests.storage}, {@code count/deployments.apps} for
 * deployments, ...) in the quota's namespace that its scopes select. Reads with consistent lists
 * through the client, not caches, so a usage it writes never lags an object the cache has not seen.
 */
final class QuotaRecount {

  private final KindRegistry kinds;

  QuotaRecount(KindRegistry kinds) {
    this.kinds = kinds;
  }

  /** The kind (group, plural) a quota resource name counts, when known. */
  Optional<ResourceKind> kindOf(String name) {
    if (name.startsWith("count/")) {
      String rest = name.substring("count/".length());
      int dot = rest.indexOf('.');
      return dot < 0 ? kinds.byResource("", rest) : kinds.byResource(rest.substring(dot + 1), rest.substring(0, dot));
    }
    if (name.contains(".storageclass.storage.k8s.io/") || name.equals("requests.storage") || name.equals("persistentvolumeclaims")) {
      return kinds.byResource("", "persistentvolumeclaims");
    }
    if (name.startsWith("services")) {
      return kinds.byResource("", "services");
    }
    if (Set.of("configmaps", "secrets", "replicationcontrollers", "resourcequotas").contains(name)) {
      return kinds.byResource("", name);
    }
    // pods, cpu, memory, ephemeral-storage, requests.*, limits.*, hugepages-*: pod usage
    return kinds.byResource("", "pods");
  }

  /** The usage of every resource in the quota's {@code hard}, zero where nothing uses it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Map<String, CanonicalQuantity> usage(ApiClient client, ResourceQuota quota) {
    String namespace = quota.getMetadata().getNamespace();
    Map<String, CanonicalQuantity> used = new TreeMap<>();
    Map<ResourceKind, Set<String>> byKind = new LinkedHashMap<>();
    for (String name : quota.getSpec().getHard().keySet()) {
      used.put(name, CanonicalQuantity.ZERO);
      kindOf(name).ifPresent(kind -> byKind.computeIfAbsent(kind, k -> new TreeSet<>()).add(name));
    }
    for (Map.Entry<ResourceKind, Set<String>> entry : byKind.entrySet()) {
      ResourceKind kind = entry.getKey();
      List<? extends HasMetadata> items = client.resources((Class) kind.javaType()).list(ListOptions.inNamespace(namespace)).items();
      for (HasMetadata item : items) {
        if (!QuotaScopes.matches(quota.getSpec(), item)) {
          continue;
        }
        QuotaUsage.of(kind.group(), kind.plural(), item).forEach((k, v) -> {
          if (entry.getValue().contains(k)) {
            used.merge(k, v, CanonicalQuantity::add);
          }
        });
      }
    }
    return used;
  }
}
