package io.capstan.runtime.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.storage.StoredList;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.client.PropagationPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** DELETE of one object and of a collection, with options from the body or the query, as kubectl sends them. */
final class DeleteEndpoint {

  private final ResourceApi api;
  private final Bodies bodies;

  DeleteEndpoint(ResourceApi api, Bodies bodies) {
    this.api = api;
    this.bodies = bodies;
  }

  void delete(ApiRequest scope, byte[] body, String contentType, QueryParams query, String accept, Response response,
      Callback callback) {
    DeleteOptions options = options(body, contentType, query);
    HasMetadata result = api.deleter().delete(scope.withDryRun(scope.dryRun() || options.dryRun()), options);
    Responses.json(response, callback, 200, result, accept);
  }

  void deleteCollection(ApiRequest scope, byte[] body, String contentType, QueryParams query, String accept,
      Response response, Callback callback) {
    DeleteOptions options = options(body, contentType, query);
    StoredList matching = api.reads().list(scope, query.listQuery());
    ObjectNode list = KubeJson.mapper().createObjectNode();
    list.put("kind", scope.kind().listKind());
    list.put("apiVersion", scope.kind().apiVersion());
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    for (HasMetadata object : matching.items()) {
      String namespace = object.getMetadata().getNamespace() == null ? "" : object.getMetadata().getNamespace();
      ApiRequest one = new ApiRequest(scope.kind(), namespace, object.getMetadata().getName(), "", scope.user(),
          scope.dryRun() || options.dryRun(), scope.fieldManager(), scope.fieldValidation());
      try {
        items.add(KubeJson.mapper().<JsonNode>valueToTree(api.deleter().delete(one, options)));
      } catch (NotFoundException alreadyGone) {
        // deleted concurrently: what the caller wanted
      }
    }
    Responses.json(response, callback, 200, list, accept);
  }

  private DeleteOptions options(byte[] body, String contentType, QueryParams query) {
    JsonNode tree = body.length == 0 ? KubeJson.mapper().createObjectNode() : ResourceEndpoint.requireObject(bodies.read(body, contentType));
    DeleteOptions options = deleteOptions(tree);
    if (!query.get("propagationPolicy").isEmpty()) {
      options = options.withPropagationPolicy(policy(query.get("propagationPolicy")));
    }
    if (!query.get("gracePeriodSeconds").isEmpty()) {
      options = options.withGracePeriodSeconds(Math.max(0, query.number("gracePeriodSeconds", 0)));
    }
    if (query.dryRun()) {
      options = options.withDryRun(true);
    }
    return options;
  }

  /** DeleteOptions from a meta.k8s.io/v1 DeleteOptions JSON object. */
  static DeleteOptions deleteOptions(JsonNode tree) {
    Optional<PropagationPolicy> policy = tree.hasNonNull("propagationPolicy")
        ? Optional.of(policy(tree.get("propagationPolicy").asText())) : Optional.empty();
    if (policy.isEmpty() && tree.hasNonNull("orphanDependents")) {
      policy = Optional.of(tree.get("orphanDependents").asBoolean() ? PropagationPolicy.ORPHAN : PropagationPolicy.BACKGROUND);
    }
    OptionalLong grace = tree.hasNonNull("gracePeriodSeconds")
        ? OptionalLong.of(Math.max(0, tree.get("gracePeriodSeconds").asLong())) : OptionalLong.empty();
    JsonNode preconditions = tree.path("preconditions");
    Optional<String> uid = preconditions.hasNonNull("uid") ? Optional.of(preconditions.get("uid").asText()) : Optional.empty();
    Optional<String> rv = preconditions.hasNonNull("resourceVersion") ? Optional.of(preconditions.get("resourceVersion").asText())
        : Optional.empty();
    boolean dryRun = tree.path("dryRun").isArray() && tree.path("dryRun").size() > 0;
    return new DeleteOptions(policy, grace, uid, rv, dryRun);
  }

  private static PropagationPolicy policy(String text) {
    for (PropagationPolicy p : PropagationPolicy.values()) {
      if (p.kubernetesName().equals(text)) {
        return p;
      }
    }
    throw ApiErrors.badRequest("propagationPolicy: Unsupported value: \"" + text + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
  }
}
