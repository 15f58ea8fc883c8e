package io.capstan.runtime.apiserver.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.discovery.SubresourceInfo;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Patch;
import io.fabric8.kubernetes.api.model.Status;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the OpenAPI v3 document of one group version, as Kubernetes serves it at
 * {@code /openapi/v3/apis/<group>/<version>}: {@code openapi}, {@code info}, the {@code paths} of
 * every kind in the version (see {@link PathItems}), and {@code components.schemas} with every
 * schema those paths reference, plus Kubernetes' bearer-token security scheme. Paths and schemas
 * are in name order, as Kubernetes writes them, so the same kinds always give the same bytes and
 * the same hash. Stateless.
 */
final class GroupVersionDocument {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private GroupVersionDocument() {}

  /**
   * The document of {@code kinds}, which all share one group and version.
   *
   * @param kubernetesVersion the version in {@code info} ({@code v1.32.0})
   */
  static ObjectNode build(List<ResourceKind> kinds, String kubernetesVersion) {
    SchemaGenerator generator = new SchemaGenerator();
    ObjectNode unsortedPaths = JSON.objectNode();
    for (ResourceKind kind : kinds) {
      String schema = KindSchemas.add(generator, kind);
      new PathItems(kind, schema, SchemaNames.forList(kind)).addTo(unsortedPaths);
      for (String sub : kind.subresources()) {
        SubresourceInfo info = SubresourceInfo.of(kind, sub);
        PathItems.subresourceType(info).ifPresent(type -> KindSchemas.tag(generator.schemas().get(generator.add(type)),
            new Gvk(info.group(), info.version(), info.kind())));
      }
    }
    generator.add(Status.class);
    generator.add(DeleteOptions.class);
    generator.add(Patch.class);

    ObjectNode doc = JSON.objectNode().put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", kubernetesVersion);
    ObjectNode paths = doc.putObject("paths");
    Map<String, ObjectNode> sortedPaths = new TreeMap<>();
    unsortedPaths.fields().forEachRemaining(e -> sortedPaths.put(e.getKey(), (ObjectNode) e.getValue()));
    sortedPaths.forEach(paths::set);
    ObjectNode components = doc.putObject("components");
    ObjectNode schemas = components.putObject("schemas");
    generator.schemas().forEach(schemas::set);
    components.putObject("securitySchemes").putObject("BearerToken")
        .put("description", "Bearer Token authentication").put("in", "header").put("name", "authorization")
        .put("type", "apiKey");
    doc.putArray("security").addObject().putArray("BearerToken");
    return doc;
  }
}
