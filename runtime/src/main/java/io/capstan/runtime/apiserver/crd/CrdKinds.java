package io.capstan.runtime.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.resource.ServedKinds.ScalePaths;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.PrinterColumn;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The kinds a CustomResourceDefinition serves: one per served version, all stored alike. */
final class CrdKinds {

  /** Kubernetes' default column for a CRD that declares none. */
  private static final PrinterColumn AGE = new PrinterColumn("Age", "date", "", "", 0, ".metadata.creationTimestamp");

  private CrdKinds() {}

  static List<ResourceKind> of(CustomResourceDefinition crd) {
    CustomResourceDefinitionNames names = crd.getSpec().getNames();
    String group = crd.getSpec().getGroup();
    String singular = names.getSingular() == null || names.getSingular().isEmpty()
        ? names.getKind().toLowerCase(Locale.ROOT) : names.getSingular();
    String listKind = names.getListKind() == null || names.getListKind().isEmpty() ? names.getKind() + "List" : names.getListKind();
    boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
    List<ResourceKind> kinds = new ArrayList<>();
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      if (!Boolean.TRUE.equals(version.getServed())) {
        continue;
      }
      kinds.add(new ResourceKind(group, version.getName(), names.getKind(), names.getPlural(), singular, namespaced,
          orEmpty(names.getShortNames()), GenericKubernetesResource.class, listKind, orEmpty(names.getCategories()),
          subresources(version), ResourceKind.STANDARD_VERBS, columns(version), schema(version)));
    }
    return kinds;
  }

  /** The scale subresource's paths of the storage version, when it declares one. */
  static Optional<ScalePaths> scale(CustomResourceDefinition crd) {
    return crd.getSpec().getVersions().stream()
        .filter(v -> v.getSubresources() != null && v.getSubresources().getScale() != null)
        .findFirst()
        .map(v -> {
          CustomResourceSubresourceScale s = v.getSubresources().getScale();
          return new ScalePaths(s.getSpecReplicasPath(), s.getStatusReplicasPath(),
              Optional.ofNullable(s.getLabelSelectorPath()).filter(p -> !p.isEmpty()));
        });
  }

  private static Set<String> subresources(CustomResourceDefinitionVersion version) {
    Set<String> out = new TreeSet<>();
    if (version.getSubresources() != null) {
      if (version.getSubresources().getStatus() != null) {
        out.add("status");
      }
      if (version.getSubresources().getScale() != null) {
        out.add("scale");
      }
    }
    return out;
  }

  private static List<PrinterColumn> columns(CustomResourceDefinitionVersion version) {
    List<CustomResourceColumnDefinition> declared = orEmpty(version.getAdditionalPrinterColumns());
    if (declared.isEmpty()) {
      return List.of(AGE);
    }
    return declared.stream().map(c -> new PrinterColumn(c.getName(), c.getType(), c.getFormat() == null ? "" : c.getFormat(),
        c.getDescription() == null ? "" : c.getDescription(), c.getPriority() == null ? 0 : c.getPriority(),
        c.getJsonPath())).toList();
  }

  private static Optional<JsonNode> schema(CustomResourceDefinitionVersion version) {
    if (version.getSchema() == null || version.getSchema().getOpenAPIV3Schema() == null) {
      return Optional.empty();
    }
    return Optional.of(KubeJson.mapper().valueToTree(version.getSchema().getOpenAPIV3Schema()));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
