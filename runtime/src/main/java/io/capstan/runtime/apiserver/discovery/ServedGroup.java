package io.capstan.runtime.apiserver.discovery;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API group as discovery lists it: its name ({@code ""} for the core group) and its versions,
 * preferred first, each with its kinds in name order. Immutable.
 *
 * @param name the group name
 * @param versions version to kinds, iterated preferred version first
 */
public record ServedGroup(String name, Map<String, List<ResourceKind>> versions) {

  /**
   * Kubernetes 1.32's group order in {@code /apis} (kubernetes/kubernetes api/discovery/apis.json,
   * which follows kube-aggregator's group priorities); other groups follow in name order, as
   * CustomResourceDefinition groups do.
   */
  private static final List<String> KNOWN_ORDER = List.of("apiregistration.k8s.io", "apps", "events.k8s.io",
      "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io",
      "networking.k8s.io", "policy", "rbac.authorization.k8s.io", "storage.k8s.io", "admissionregistration.k8s.io",
      "apiextensions.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "node.k8s.io", "discovery.k8s.io",
      "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io", "resource.k8s.io", "storagemigration.k8s.io");

  private static final Comparator<String> GROUP_ORDER = Comparator
      .comparingInt((String g) -> KNOWN_ORDER.contains(g) ? KNOWN_ORDER.indexOf(g) : KNOWN_ORDER.size())
      .thenComparing(Comparator.naturalOrder());

  public ServedGroup {
    requireNonNull(name, "name");
    Map<String, List<ResourceKind>> copy = new LinkedHashMap<>();
    requireNonNull(versions, "versions").forEach((v, kinds) -> copy.put(v, List.copyOf(kinds)));
    versions = java.util.Collections.unmodifiableMap(copy);
  }

  /** The core group first, then the named groups in Kubernetes' order. */
  public static List<ServedGroup> all(KindRegistry registry) {
    requireNonNull(registry, "registry");
    Map<String, Map<String, List<ResourceKind>>> byGroup = new java.util.TreeMap<>(GROUP_ORDER);
    for (ResourceKind k : registry.all()) {
      byGroup.computeIfAbsent(k.group(), g -> new java.util.TreeMap<>(KubeVersions.PREFERRED_FIRST))
          .computeIfAbsent(k.version(), v -> new ArrayList<>()).add(k);
    }
    List<ServedGroup> out = new ArrayList<>();
    Map<String, List<ResourceKind>> core = byGroup.remove("");
    if (core != null) {
      out.add(sorted("", core));
    }
    byGroup.forEach((g, versions) -> out.add(sorted(g, versions)));
    return out;
  }

  private static ServedGroup sorted(String group, Map<String, List<ResourceKind>> versions) {
    Map<String, List<ResourceKind>> out = new LinkedHashMap<>();
    versions.forEach((v, kinds) -> out.put(v,
        kinds.stream().sorted(Comparator.comparing(ResourceKind::plural)).toList()));
    return new ServedGroup(group, out);
  }

  /** The preferred (first) version. */
  public String preferredVersion() {
    return versions.keySet().iterator().next();
  }

  /** {@code v1} for the core group, {@code group/version} otherwise. */
  public String groupVersion(String version) {
    return name.isEmpty() ? version : name + "/" + version;
  }
}
