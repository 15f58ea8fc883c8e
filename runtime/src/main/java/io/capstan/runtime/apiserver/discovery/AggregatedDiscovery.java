package io.capstan.runtime.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.ResourceKind;
import java.util.List;

/**
 * Aggregated discovery, {@code apidiscovery.k8s.io/v2 APIGroupDiscoveryList}, as Kubernetes 1.32
 * writes it (kubernetes/kubernetes api/discovery/aggregated_v2.json): one item per group (the core
 * group is the only item of the {@code /api} answer, named {@code ""}), versions preferred first,
 * resources in name order with their subresources nested. A {@code responseKind} names a group and
 * version only when they differ from the version it is listed under ({@code deployments/scale} is
 * {@code autoscaling/v1 Scale}); otherwise both are empty strings, as Kubernetes writes them.
 * Every version is {@code "freshness": "Current"}: Capstan serves all its kinds itself. Pure
 * functions of the served groups.
 */
final class AggregatedDiscovery {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private AggregatedDiscovery() {}

  /** The list for {@code /api} ({@code core} true) or {@code /apis}. */
  static ObjectNode list(List<ServedGroup> groups, boolean core) {
    ObjectNode doc = JSON.objectNode().put("kind", "APIGroupDiscoveryList")
        .put("apiVersion", "apidiscovery.k8s.io/v2");
    doc.putObject("metadata");
    ArrayNode items = doc.putArray("items");
    groups.stream().filter(g -> g.name().isEmpty() == core).forEach(g -> items.add(group(g)));
    return doc;
  }

  private static ObjectNode group(ServedGroup g) {
    ObjectNode item = JSON.objectNode();
    item.putObject("metadata").put("name", g.name());
    ArrayNode versions = item.putArray("versions");
    g.versions().forEach((version, kinds) -> {
      ObjectNode v = versions.addObject().put("version", version);
      ArrayNode resources = v.putArray("resources");
      kinds.forEach(k -> resources.add(resource(k)));
      v.put("freshness", "Current");
    });
    return item;
  }

  private static ObjectNode resource(ResourceKind k) {
    ObjectNode r = JSON.objectNode().put("resource", k.plural());
    r.set("responseKind", responseKind("", "", k.kind()));
    r.put("scope", k.namespaced() ? "Namespaced" : "Cluster").put("singularResource", k.singular());
    Lists.putSorted(r, "verbs", k.verbs());
    Lists.putIfAny(r, "shortNames", k.shortNames());
    Lists.putIfAny(r, "categories", k.categories());
    if (!k.subresources().isEmpty()) {
      ArrayNode subs = r.putArray("subresources");
      for (String name : k.subresources()) {
        SubresourceInfo sub = SubresourceInfo.of(k, name);
        ObjectNode s = subs.addObject().put("subresource", name);
        boolean elsewhere = sub.crossesGroupVersion(k);
        s.set("responseKind", responseKind(elsewhere ? sub.group() : "", elsewhere ? sub.version() : "", sub.kind()));
        Lists.putSorted(s, "verbs", sub.verbs());
      }
    }
    return r;
  }

  private static ObjectNode responseKind(String group, String version, String kind) {
    return JSON.objectNode().put("group", group).put("version", version).put("kind", kind);
  }
}
