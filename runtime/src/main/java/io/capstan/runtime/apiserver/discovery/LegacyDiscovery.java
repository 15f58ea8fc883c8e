package io.capstan.runtime.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The legacy (non-aggregated) discovery documents, field for field as Kubernetes 1.32 writes them
 * (kubernetes/kubernetes api/discovery/*.json): {@code APIVersions} for {@code /api},
 * {@code APIGroupList} for {@code /apis}, {@code APIGroup} for {@code /apis/<group>} and
 * {@code APIResourceList} for {@code /api/v1} and {@code /apis/<group>/<version>}. Resources are
 * listed in name order with each subresource as its own {@code <plural>/<sub>} entry right after
 * its resource, verbs sorted, and a {@code group}/{@code version} only on subresources whose kind
 * lives elsewhere ({@code deployments/scale}). Pure functions of the served groups.
 */
final class LegacyDiscovery {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private LegacyDiscovery() {}

  /** {@code /api}: the core versions and the address clients should use. */
  static ObjectNode apiVersions(List<ServedGroup> groups, String serverAddress) {
    ObjectNode doc = JSON.objectNode().put("kind", "APIVersions");
    ArrayNode versions = doc.putArray("versions");
    groups.stream().filter(g -> g.name().isEmpty()).findFirst()
        .ifPresent(core -> core.versions().keySet().forEach(versions::add));
    doc.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return doc;
  }

  /** {@code /apis}: every named group with its versions, preferred first. */
  static ObjectNode apiGroupList(List<ServedGroup> groups) {
    ObjectNode doc = JSON.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode items = doc.putArray("groups");
    groups.stream().filter(g -> !g.name().isEmpty()).forEach(g -> items.add(group(g)));
    return doc;
  }

  /** {@code /apis/<group>}. */
  static ObjectNode apiGroup(ServedGroup group) {
    return group(group).put("kind", "APIGroup").put("apiVersion", "v1");
  }

  private static ObjectNode group(ServedGroup g) {
    ObjectNode node = JSON.objectNode().put("name", g.name());
    ArrayNode versions = node.putArray("versions");
    g.versions().keySet().forEach(v -> versions.add(versionRef(g, v)));
    node.set("preferredVersion", versionRef(g, g.preferredVersion()));
    return node;
  }

  private static ObjectNode versionRef(ServedGroup g, String version) {
    return JSON.objectNode().put("groupVersion", g.groupVersion(version)).put("version", version);
  }

  /** {@code /api/v1} or {@code /apis/<group>/<version>}, empty when the group does not serve it. */
  static Optional<ObjectNode> apiResourceList(ServedGroup group, String version) {
    List<ResourceKind> kinds = group.versions().get(version);
    if (kinds == null) {
      return Optional.empty();
    }
    ObjectNode doc = JSON.objectNode().put("kind", "APIResourceList");
    if (!group.name().isEmpty()) {
      // the core list carries no apiVersion (api/discovery/api__v1.json), the group lists do
      doc.put("apiVersion", "v1");
    }
    doc.put("groupVersion", group.groupVersion(version));
    ArrayNode resources = doc.putArray("resources");
    for (ResourceKind k : kinds) {
      resources.add(resource(k));
      for (String sub : k.subresources()) {
        resources.add(subresource(k, SubresourceInfo.of(k, sub)));
      }
    }
    return Optional.of(doc);
  }

  private static ObjectNode resource(ResourceKind k) {
    ObjectNode r = JSON.objectNode().put("name", k.plural()).put("singularName", k.singular())
        .put("namespaced", k.namespaced()).put("kind", k.kind());
    Lists.putSorted(r, "verbs", k.verbs());
    Lists.putIfAny(r, "shortNames", k.shortNames());
    Lists.putIfAny(r, "categories", k.categories());
    r.put("storageVersionHash", storageVersionHash(k));
    return r;
  }

  private static ObjectNode subresource(ResourceKind parent, SubresourceInfo sub) {
    ObjectNode r = JSON.objectNode().put("name", parent.plural() + "/" + sub.name()).put("singularName", "")
        .put("namespaced", parent.namespaced());
    if (sub.crossesGroupVersion(parent)) {
      r.put("group", sub.group()).put("version", sub.version());
    }
    r.put("kind", sub.kind());
    Lists.putSorted(r, "verbs", sub.verbs());
    return r;
  }

  /**
   * Kubernetes' {@code discovery.StorageVersionHash}: base64 of the first 8 bytes of SHA-256 over
   * {@code group/version/kind} of the storage version ({@code /v1/Pod} gives {@code xPOwRZ+Yhw8=}).
   */
  static String storageVersionHash(ResourceKind k) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((k.group() + "/" + k.version() + "/" + k.kind()).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(digest, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }
}
