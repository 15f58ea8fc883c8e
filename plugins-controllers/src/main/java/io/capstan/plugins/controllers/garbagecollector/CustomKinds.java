package io.capstan.plugins.controllers.garbagecollector;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds the garbage collector can resolve: the process's {@link KindRegistry} (built-in and
 * plugin kinds, fixed at start) plus the kinds of the CustomResourceDefinitions it has seen, which
 * come and go while it runs. Kubernetes' collector learns them from discovery; this one from its
 * CRD informer. Thread-safe.
 */
final class CustomKinds {

  private final KindRegistry registry;
  private final Map<String, List<ResourceKind>> byCrd = new ConcurrentHashMap<>();

  CustomKinds(KindRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  KindRegistry registry() {
    return registry;
  }

  /** The kinds a CRD serves, one per served version, held as {@code GenericKubernetesResource}. */
  static List<ResourceKind> of(CustomResourceDefinition crd) {
    var spec = crd.getSpec();
    var names = spec.getNames();
    String singular = names.getSingular() == null || names.getSingular().isEmpty()
        ? names.getKind().toLowerCase(Locale.ROOT) : names.getSingular();
    String listKind = names.getListKind() == null || names.getListKind().isEmpty() ? names.getKind() + "List"
        : names.getListKind();
    return spec.getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getServed()))
        .sorted(java.util.Comparator.comparing((CustomResourceDefinitionVersion v) -> !Boolean.TRUE.equals(v.getStorage())))
        .map(v -> new ResourceKind(spec.getGroup(), v.getName(), names.getKind(), names.getPlural(), singular,
            "Namespaced".equals(spec.getScope()), names.getShortNames() == null ? List.of() : names.getShortNames(),
            GenericKubernetesResource.class, listKind))
        .toList();
  }

  /** The version to watch: the storage version when served, else the first served one. */
  static Optional<ResourceKind> watched(CustomResourceDefinition crd) {
    return of(crd).stream().findFirst();
  }

  /** Whether the API server serves the CRD's kinds: its {@code Established} condition is True. */
  static boolean established(CustomResourceDefinition crd) {
    return crd.getStatus() != null && crd.getStatus().getConditions() != null && crd.getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  void put(String crd, List<ResourceKind> kinds) {
    byCrd.put(requireNonNull(crd, "crd"), List.copyOf(kinds));
  }

  void remove(String crd) {
    byCrd.remove(crd);
  }

  /**
   * The kind of an object's or owner reference's {@code apiVersion} and {@code kind}: a registry kind,
   * else a CRD's kind of that exact version, else of the same group and kind in another served version
   * (an object reads the same through every version, and the collector only needs its uid and metadata).
   */
  Optional<ResourceKind> resolve(String apiVersion, String kind) {
    Optional<ResourceKind> known = registry.byApiVersionAndKind(apiVersion, kind);
    if (known.isPresent()) {
      return known;
    }
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    Optional<ResourceKind> sameGroup = Optional.empty();
    for (List<ResourceKind> kinds : byCrd.values()) {
      for (ResourceKind k : kinds) {
        if (k.group().equals(group) && k.kind().equals(kind)) {
          if (k.version().equals(version)) {
            return Optional.of(k);
          }
          sameGroup = sameGroup.or(() -> Optional.of(k));
        }
      }
    }
    return sameGroup;
  }
}
