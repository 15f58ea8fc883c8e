package io.capstan.runtime.apiserver.discovery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KindRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Everything the API server answers on its discovery endpoints, as pure functions of the
 * {@link KindRegistry}: {@code /api}, {@code /apis} (legacy or aggregated v2, chosen from the
 * {@code Accept} header), {@code /apis/<group>}, {@code /api/v1} and {@code /apis/<group>/<version>}.
 * The HTTP layer maps the path to a method and writes the answer with {@code KubeJson.mapper()};
 * {@code Optional.empty()} means 404. The documents are built once; every call returns its own
 * copy. Immutable and thread-safe.
 *
 * <p>What kubectl needs from these documents is in kubectl.md §1; the shapes are checked against
 * Kubernetes 1.32's own (kubernetes/kubernetes api/discovery) in the tests.
 */
public final class DiscoveryDocuments {

  private final List<ServedGroup> groups;
  private final JsonNode apiGroupList;
  private final JsonNode aggregatedCore;
  private final JsonNode aggregatedGroups;

  private DiscoveryDocuments(KindRegistry registry) {
    this.groups = ServedGroup.all(registry);
    this.apiGroupList = LegacyDiscovery.apiGroupList(groups);
    this.aggregatedCore = AggregatedDiscovery.list(groups, true);
    this.aggregatedGroups = AggregatedDiscovery.list(groups, false);
  }

  /** The documents for the kinds of {@code registry}. */
  public static DiscoveryDocuments of(KindRegistry registry) {
    return new DiscoveryDocuments(requireNonNull(registry, "registry"));
  }

  /**
   * {@code GET /api}: {@code APIVersions}, or the core group's {@code APIGroupDiscoveryList} when
   * {@code accept} asks for aggregated discovery v2.
   *
   * @param accept the request's {@code Accept} header, null when absent
   * @param serverAddress the {@code host:port} clients reach the server at (from the request)
   */
  public DiscoveryResponse api(String accept, String serverAddress) {
    requireNonNull(serverAddress, "serverAddress");
    DiscoveryForm form = DiscoveryForm.negotiate(accept);
    JsonNode body = form == DiscoveryForm.AGGREGATED_V2 ? aggregatedCore.deepCopy()
        : LegacyDiscovery.apiVersions(groups, serverAddress);
    return new DiscoveryResponse(form.contentType(), body);
  }

  /**
   * {@code GET /apis}: {@code APIGroupList}, or the named groups' {@code APIGroupDiscoveryList}
   * when {@code accept} asks for aggregated discovery v2.
   *
   * @param accept the request's {@code Accept} header, null when absent
   */
  public DiscoveryResponse apis(String accept) {
    DiscoveryForm form = DiscoveryForm.negotiate(accept);
    JsonNode body = form == DiscoveryForm.AGGREGATED_V2 ? aggregatedGroups : apiGroupList;
    return new DiscoveryResponse(form.contentType(), body.deepCopy());
  }

  /** {@code GET /apis/<group>}: the {@code APIGroup}, empty when no kind is in that group. */
  public Optional<JsonNode> apiGroup(String group) {
    requireNonNull(group, "group");
    return find(group).filter(g -> !group.isEmpty()).map(LegacyDiscovery::apiGroup);
  }

  /**
   * {@code GET /api/<version>} (group {@code ""}) or {@code GET /apis/<group>/<version>}: the
   * {@code APIResourceList}, sent as {@code application/json}; empty when not served.
   */
  public Optional<JsonNode> resourceList(String group, String version) {
    requireNonNull(group, "group");
    requireNonNull(version, "version");
    return find(group).flatMap(g -> LegacyDiscovery.apiResourceList(g, version)).map(JsonNode.class::cast);
  }

  /** The served groups, core first, in discovery order (for the OpenAPI index and tests). */
  public List<ServedGroup> groups() {
    return groups;
  }

  private Optional<ServedGroup> find(String group) {
    return groups.stream().filter(g -> g.name().equals(group)).findFirst();
  }
}
