package io.capstan.runtime.apiserver.openapi;

import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Set;

/**
 * Names of OpenAPI schemas, the way Kubernetes names them, so that {@code $ref}s and
 * {@code kubectl explain} read as they do against a real API server: fabric8's
 * {@code io.fabric8.kubernetes.api.model.apps.Deployment} is {@code io.k8s.api.apps.v1.Deployment},
 * {@code ObjectMeta} is {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}, {@code Quantity} is
 * {@code io.k8s.apimachinery.pkg.api.resource.Quantity}. A plugin kind is named as Kubernetes
 * names a custom resource: its group reversed, then version and kind
 * ({@code example.com/v1 Widget} is {@code com.example.v1.Widget}); other classes keep their Java
 * name. Stateless.
 */
final class SchemaNames {

  static final String FABRIC8 = "io.fabric8.kubernetes.api.model";
  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  /** Classes of fabric8's core package that are apimachinery's meta/v1 types, not core/v1 ones. */
  private static final Set<String> META_TYPES = Set.of("APIGroup", "APIGroupList", "APIResource", "APIResourceList",
      "APIVersions", "Condition", "CreateOptions", "DeleteOptions", "Duration", "FieldsV1", "GetOptions",
      "GroupVersionForDiscovery", "LabelSelector", "LabelSelectorRequirement", "ListMeta", "ListOptions",
      "ManagedFieldsEntry", "MicroTime", "ObjectMeta", "OwnerReference", "PartialObjectMetadata",
      "PartialObjectMetadataList", "Patch", "PatchOptions", "Preconditions", "RootPaths", "ServerAddressByClientCIDR",
      "Status", "StatusCause", "StatusDetails", "TypeMeta", "UpdateOptions", "WatchEvent");

  private SchemaNames() {}

  /** The schema name of a model class. */
  static String forClass(Class<?> type) {
    String pkg = type.getPackageName();
    String simple = type.getSimpleName();
    if (pkg.equals(FABRIC8)) {
      if (simple.equals("Quantity")) {
        return "io.k8s.apimachinery.pkg.api.resource.Quantity";
      }
      if (simple.equals("IntOrString")) {
        return "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
      }
      return (META_TYPES.contains(simple) ? META : "io.k8s.api.core.v1.") + simple;
    }
    if (pkg.startsWith(FABRIC8 + ".")) {
      String[] parts = pkg.substring(FABRIC8.length() + 1).split("\\.");
      String group = parts[0];
      String version = parts.length > 1 ? parts[1] : "v1";
      if (group.equals("apiextensions")) {
        return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions." + version + "." + simple;
      }
      if (group.equals("runtime")) {
        return "io.k8s.apimachinery.pkg.runtime." + simple;
      }
      return "io.k8s.api." + group + "." + version + "." + simple;
    }
    return type.getName().replace('$', '.');
  }

  /**
   * True when {@code kind} is served by the fabric8 class made for exactly its group and version,
   * so that the class's Kubernetes schema name is the kind's own.
   */
  static boolean isNative(ResourceKind kind) {
    Class<?> type = kind.javaType();
    Group group = type.getAnnotation(Group.class);
    Version version = type.getAnnotation(Version.class);
    return type.getPackageName().startsWith(FABRIC8) && group != null && version != null
        && group.value().equals(kind.group()) && version.value().equals(kind.version())
        && type.getSimpleName().equals(kind.kind());
  }

  /** The name of a kind's top-level schema. */
  static String forKind(ResourceKind kind) {
    if (isNative(kind)) {
      return forClass(kind.javaType());
    }
    StringBuilder reversed = new StringBuilder();
    String[] parts = kind.group().isEmpty() ? new String[] {"core"} : kind.group().split("\\.");
    for (int i = parts.length - 1; i >= 0; i--) {
      reversed.append(parts[i]).append('.');
    }
    return reversed + kind.version() + "." + kind.kind();
  }

  /** The name of a kind's list schema. */
  static String forList(ResourceKind kind) {
    String name = forKind(kind);
    return name.substring(0, name.lastIndexOf('.') + 1) + kind.listKind();
  }

  /** {@code #/components/schemas/<name>}. */
  static String ref(String name) {
    return "#/components/schemas/" + name;
  }
}
