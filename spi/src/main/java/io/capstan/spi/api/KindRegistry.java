package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds the API server serves, with every lookup the server, clients and kubectl-style tools
 * need. Immutable and thread-safe once built; lookups never block.
 *
 * <p>Construction rejects two kinds with the same group+version+kind, or with the same group+plural
 * (one REST resource has one kind), with a message naming both. Short names and singular names may
 * repeat across groups (kubectl's {@code ev} names both core and {@code events.k8s.io} events);
 * {@link #resolve(String)} then prefers the core group, then groups in alphabetical order, as
 * kubectl's default priority does for built-in kinds.
 */
public final class KindRegistry {

  private static final Comparator<ResourceKind> PRIORITY =
      Comparator.comparing((ResourceKind k) -> !k.group().isEmpty()).thenComparing(ResourceKind::group)
          .thenComparing(ResourceKind::version);

  private final List<ResourceKind> kinds;
  private final Map<String, ResourceKind> byGvk = new HashMap<>();
  private final Map<String, ResourceKind> byResource = new HashMap<>();
  private final Map<String, List<ResourceKind>> byName = new HashMap<>();
  private final Map<Class<?>, List<ResourceKind>> byClass = new HashMap<>();

  private KindRegistry(List<ResourceKind> kinds) {
    this.kinds = List.copyOf(kinds);
    for (ResourceKind k : this.kinds) {
      putUnique(byGvk, k.group() + "/" + k.version() + "/" + k.kind(), k, "group, version and kind");
      putUnique(byResource, k.group() + "/" + k.plural(), k, "group and plural resource name");
      List<String> names = new ArrayList<>(List.of(k.plural(), k.singular(), k.kind(), k.qualifiedResource()));
      names.addAll(k.shortNames());
      names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct()
          .forEach(n -> byName.computeIfAbsent(n, x -> new ArrayList<>()).add(k));
      byClass.computeIfAbsent(k.javaType(), x -> new ArrayList<>()).add(k);
    }
    byName.values().forEach(list -> list.sort(PRIORITY));
  }

  /**
   * A registry of {@code kinds}.
   *
   * @throws IllegalArgumentException when two kinds share group+version+kind or group+plural
   */
  public static KindRegistry of(Iterable<ResourceKind> kinds) {
    requireNonNull(kinds, "kinds");
    List<ResourceKind> list = new ArrayList<>();
    kinds.forEach(k -> list.add(requireNonNull(k, "kind")));
    return new KindRegistry(list);
  }

  /** A registry of the built-in kinds ({@link BuiltInKinds#all()}). */
  public static KindRegistry builtIn() {
    return of(BuiltInKinds.all());
  }

  private static void putUnique(Map<String, ResourceKind> map, String key, ResourceKind kind, String what) {
    ResourceKind previous = map.putIfAbsent(key, kind);
    if (previous != null) {
      throw new IllegalArgumentException("duplicate resource kind: " + describe(previous) + " and " + describe(kind)
          + " have the same " + what + "; remove one of them or give it another name");
    }
  }

  private static String describe(ResourceKind k) {
    return "'" + k + "' (" + k.qualifiedResource() + ", " + k.javaType().getName() + ")";
  }

  /** Every kind, in registration order. */
  public List<ResourceKind> all() {
    return kinds;
  }

  /** The kind with this exact group, version and kind ({@code "apps", "v1", "Deployment"}). */
  public Optional<ResourceKind> byGroupVersionKind(String group, String version, String kind) {
    return Optional.ofNullable(byGvk.get(requireNonNull(group, "group") + "/" + requireNonNull(version, "version")
        + "/" + requireNonNull(kind, "kind")));
  }

  /** The kind of an object's {@code apiVersion} and {@code kind} ({@code "apps/v1", "Deployment"}). */
  public Optional<ResourceKind> byApiVersionAndKind(String apiVersion, String kind) {
    requireNonNull(apiVersion, "apiVersion");
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? byGroupVersionKind("", apiVersion, kind)
        : byGroupVersionKind(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
  }

  /** The kind served at a REST resource ({@code "apps", "deployments"}; core group is {@code ""}). */
  public Optional<ResourceKind> byResource(String group, String plural) {
    return Optional.ofNullable(byResource.get(requireNonNull(group, "group") + "/" + requireNonNull(plural, "plural")));
  }

  /**
   * The kind a user means by {@code name}, case-insensitive, as kubectl resolves it: plural
   * ({@code deployments}), singular, kind ({@code Deployment}), short name ({@code deploy}) or
   * {@code plural.group} ({@code deployments.apps}). When several groups use the name, the core
   * group wins, then the alphabetically first group.
   */
  public Optional<ResourceKind> resolve(String name) {
    List<ResourceKind> all = resolveAll(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Every kind {@code name} could mean, most preferred first (see {@link #resolve(String)}). */
  public List<ResourceKind> resolveAll(String name) {
    requireNonNull(name, "name");
    return List.copyOf(byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
  }

  /**
   * The kind held by {@code type}, when exactly one kind uses that class (several custom kinds may
   * share {@code GenericKubernetesResource}; then this is empty and callers must use the GVK).
   */
  public Optional<ResourceKind> forClass(Class<? extends HasMetadata> type) {
    List<ResourceKind> list = byClass.getOrDefault(requireNonNull(type, "type"), List.of());
    return list.size() == 1 ? Optional.of(list.get(0)) : Optional.empty();
  }

  /**
   * The kind of an object, from its {@code apiVersion} and {@code kind} when set, else from its class.
   */
  public Optional<ResourceKind> kindOf(HasMetadata object) {
    requireNonNull(object, "object");
    if (object.getApiVersion() != null && object.getKind() != null) {
      return byApiVersionAndKind(object.getApiVersion(), object.getKind());
    }
    return forClass(object.getClass());
  }

  /** Kinds grouped by apiVersion, in registration order, for discovery documents. */
  public Map<String, List<ResourceKind>> byApiVersion() {
    Map<String, List<ResourceKind>> out = new LinkedHashMap<>();
    kinds.forEach(k -> out.computeIfAbsent(k.apiVersion(), x -> new ArrayList<>()).add(k));
    out.replaceAll((v, list) -> List.copyOf(list));
    return out;
  }

  @Override
  public String toString() {
    return "KindRegistry" + kinds.stream().map(ResourceKind::qualifiedResource).toList();
  }
}
