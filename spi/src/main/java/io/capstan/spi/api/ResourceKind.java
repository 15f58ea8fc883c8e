package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Locale;

/**
 * A kind the API server serves: its group, version and kind (GVK), its REST resource name, its
 * scope and the names kubectl accepts for it, and the Java class that holds its objects. Immutable.
 *
 * @param group the API group, empty for the core group ({@code ""}, {@code apps})
 * @param version the version ({@code v1})
 * @param kind the kind, UpperCamelCase ({@code Deployment})
 * @param plural the resource name in URLs, lower case ({@code deployments})
 * @param singular the singular resource name, lower case ({@code deployment})
 * @param namespaced true when objects live in a namespace
 * @param shortNames kubectl's short names, lower case ({@code deploy})
 * @param javaType the fabric8 (or plugin) class of the objects
 * @param listKind the kind of list responses ({@code DeploymentList})
 */
public record ResourceKind(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    Class<? extends HasMetadata> javaType,
    String listKind) {

  public ResourceKind {
    requireNonNull(group, "group");
    requireNonNull(version, "version");
    requireNonNull(kind, "kind");
    requireNonNull(plural, "plural");
    requireNonNull(singular, "singular");
    requireNonNull(shortNames, "shortNames");
    requireNonNull(javaType, "javaType");
    requireNonNull(listKind, "listKind");
    shortNames = List.copyOf(shortNames);
    if (version.isEmpty() || kind.isEmpty() || plural.isEmpty()) {
      throw new IllegalArgumentException("resource kind needs a version, a kind and a plural: " + group + "/" + version
          + " " + kind + " (" + plural + ")");
    }
    if (!plural.equals(plural.toLowerCase(Locale.ROOT)) || !singular.equals(singular.toLowerCase(Locale.ROOT))
        || shortNames.stream().anyMatch(s -> !s.equals(s.toLowerCase(Locale.ROOT)))) {
      throw new IllegalArgumentException("plural, singular and short names of " + kind + " must be lower case");
    }
  }

  /**
   * A kind with the usual derived names: singular = lower-cased kind, list kind = kind + "List".
   *
   * @param plural the resource name ({@code ingresses}: plurals are not derived, English is irregular)
   */
  public static ResourceKind of(String group, String version, String kind, String plural, boolean namespaced,
      Class<? extends HasMetadata> javaType, String... shortNames) {
    return new ResourceKind(group, version, kind, plural, kind.toLowerCase(Locale.ROOT), namespaced,
        List.of(shortNames), javaType, kind + "List");
  }

  /** {@code v1} for the core group, {@code group/version} otherwise ({@code apps/v1}). */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code plural} for the core group, {@code plural.group} otherwise ({@code deployments.apps}). */
  public String qualifiedResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** {@code apps/v1, Kind=Deployment}, the way Kubernetes prints a GVK. */
  @Override
  public String toString() {
    return apiVersion() + ", Kind=" + kind;
  }
}
