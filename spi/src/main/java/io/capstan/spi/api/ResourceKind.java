package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A kind the API server serves: its group, version and kind (GVK), its REST resource name, its
 * scope and the names kubectl accepts for it, the Java class that holds its objects, and what
 * discovery, OpenAPI and {@code kubectl get} say about it. Immutable.
 *
 * <p>The last five components describe the kind to clients, as a CustomResourceDefinition does:
 * {@code categories} ({@code kubectl get all} lists every kind in {@code all}), the
 * {@code subresources} served under each object ({@code status}, {@code scale}, {@code log}, ...),
 * the {@code verbs} of the collection and its objects, the {@code printerColumns} of
 * {@code kubectl get}, and an optional OpenAPI v3 {@code schema} of the whole object. Built-in kinds
 * leave {@code printerColumns} and {@code schema} empty: the API server has printers and generates
 * schemas from the model classes for them. Add them to {@link #of} kinds with the {@code with*}
 * methods, which return copies.
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
 * @param categories the categories the kind belongs to, lower case ({@code all})
 * @param subresources the subresources served, lower case, iterated in name order ({@code scale, status})
 * @param verbs the verbs the resource supports, lower case (default {@link #STANDARD_VERBS})
 * @param printerColumns extra {@code kubectl get} columns after NAME, for kinds without a built-in printer
 * @param schema the OpenAPI v3 schema of an object of this kind, when the kind supplies one
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
    String listKind,
    List<String> categories,
    Set<String> subresources,
    List<String> verbs,
    List<PrinterColumn> printerColumns,
    Optional<JsonNode> schema) {

  /** The eight verbs of an ordinary resource, as Kubernetes lists them in discovery. */
  public static final List<String> STANDARD_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

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
    categories = lowerCase("category", List.copyOf(requireNonNull(categories, "categories")), kind);
    subresources = Collections.unmodifiableSet(new TreeSet<>(
        lowerCase("subresource", List.copyOf(requireNonNull(subresources, "subresources")), kind)));
    verbs = lowerCase("verb", List.copyOf(requireNonNull(verbs, "verbs")), kind);
    printerColumns = List.copyOf(requireNonNull(printerColumns, "printerColumns"));
    schema = requireNonNull(schema, "schema").map(JsonNode::deepCopy);
    if (version.isEmpty() || kind.isEmpty() || plural.isEmpty()) {
      throw new IllegalArgumentException("resource kind needs a version, a kind and a plural: " + group + "/" + version
          + " " + kind + " (" + plural + ")");
    }
    if (!plural.equals(plural.toLowerCase(Locale.ROOT)) || !singular.equals(singular.toLowerCase(Locale.ROOT))
        || shortNames.stream().anyMatch(s -> !s.equals(s.toLowerCase(Locale.ROOT)))) {
      throw new IllegalArgumentException("plural, singular and short names of " + kind + " must be lower case");
    }
    if (subresources.stream().anyMatch(s -> s.contains("/"))) {
      throw new IllegalArgumentException("subresources of " + kind + " are single path segments, without '/': "
          + subresources);
    }
    if (schema.isPresent() && !schema.get().isObject()) {
      throw new IllegalArgumentException("the schema of " + kind + " must be a JSON object (an OpenAPI v3 schema)");
    }
  }

  /**
   * The original nine-component form: no categories, no subresources, the standard verbs, no
   * printer columns and no schema. Kept so that code written before those existed still compiles.
   */
  public ResourceKind(String group, String version, String kind, String plural, String singular, boolean namespaced,
      List<String> shortNames, Class<? extends HasMetadata> javaType, String listKind) {
    this(group, version, kind, plural, singular, namespaced, shortNames, javaType, listKind, List.of(), Set.of(),
        STANDARD_VERBS, List.of(), Optional.empty());
  }

  private static List<String> lowerCase(String what, List<String> values, String kind) {
    for (String v : values) {
      if (v.isBlank() || !v.equals(v.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("each " + what + " of " + kind
            + " must be a non-blank lower-case word, got '" + v + "'");
      }
    }
    return values;
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

  /** A copy in these categories ({@code "all"}), replacing the current ones. */
  public ResourceKind withCategories(String... newCategories) {
    return new ResourceKind(group, version, kind, plural, singular, namespaced, shortNames, javaType, listKind,
        List.of(newCategories), subresources, verbs, printerColumns, schema);
  }

  /** A copy serving these subresources ({@code "status", "scale"}), replacing the current ones. */
  public ResourceKind withSubresources(String... newSubresources) {
    return new ResourceKind(group, version, kind, plural, singular, namespaced, shortNames, javaType, listKind,
        categories, Set.copyOf(Arrays.asList(newSubresources)), verbs, printerColumns, schema);
  }

  /** A copy supporting exactly these verbs, replacing {@link #STANDARD_VERBS}. */
  public ResourceKind withVerbs(String... newVerbs) {
    return new ResourceKind(group, version, kind, plural, singular, namespaced, shortNames, javaType, listKind,
        categories, subresources, List.of(newVerbs), printerColumns, schema);
  }

  /** A copy whose {@code kubectl get} shows these columns after NAME, replacing the current ones. */
  public ResourceKind withPrinterColumns(PrinterColumn... columns) {
    return new ResourceKind(group, version, kind, plural, singular, namespaced, shortNames, javaType, listKind,
        categories, subresources, verbs, List.of(columns), schema);
  }

  /** A copy published with this OpenAPI v3 schema of the whole object (copied, not kept). */
  public ResourceKind withSchema(JsonNode newSchema) {
    return new ResourceKind(group, version, kind, plural, singular, namespaced, shortNames, javaType, listKind,
        categories, subresources, verbs, printerColumns, Optional.of(requireNonNull(newSchema, "schema")));
  }

  /** A copy of the schema, so that callers cannot change this immutable kind through it. */
  @Override
  public Optional<JsonNode> schema() {
    return schema.map(JsonNode::deepCopy);
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
