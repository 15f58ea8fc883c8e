package io.capstan.runtime.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.client.NotFoundException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * PATCH in the four content types kubectl sends (JSON patch, merge patch, strategic merge patch,
 * server-side apply), on the object, its status or its scale. The patch is applied to the stored
 * object inside the optimistic-concurrency loop, so concurrent patches never lose each other's
 * changes; server-side apply of a missing object creates it.
 */
final class PatchEndpoint {

  private static final Set<String> PATCH_TYPES = Set.of(MediaTypes.JSON_PATCH, MediaTypes.MERGE_PATCH,
      MediaTypes.STRATEGIC_PATCH, MediaTypes.APPLY_PATCH);

  private final ResourceApi api;
  private final ApiExtensions extensions;

  PatchEndpoint(ResourceApi api, ApiExtensions extensions) {
    this.api = api;
    this.extensions = extensions;
  }

  void patch(ApiRequest scope, QueryParams query, byte[] body, String contentType, String accept, Response response,
      Callback callback) {
    String type = MediaTypes.base(contentType);
    if (!PATCH_TYPES.contains(type) || extensions.patches().isEmpty()) {
      throw ApiErrors.unsupportedMediaType("the body of the request was in an unknown format - accepted media types include: "
          + String.join(", ", PATCH_TYPES.stream().sorted().toList()));
    }
    if (type.equals(MediaTypes.APPLY_PATCH) && scope.fieldManager().isEmpty()) {
      throw ApiErrors.badRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
    }
    ApiExtensions.PatchApplier applier = extensions.patches().get();
    ApiExtensions.PatchContext context = new ApiExtensions.PatchContext(
        scope.fieldManager().isEmpty() ? "unknown" : scope.fieldManager(), query.flag("force"), api.strategy().now());
    switch (scope.subresource()) {
      case "", "status" -> {
        boolean status = scope.subresource().equals("status");
        try {
          HasMetadata patched = api.writes().modify(scope, status, current -> {
            JsonNode result = applier.apply(type, scope.kind(), Optional.of(KubeJson.mapper().valueToTree(current)), body, context);
            return ObjectDecoding.decode(scope.kind(), result, status ? "Ignore" : scope.fieldValidation());
          });
          Responses.json(response, callback, 200, patched, accept);
        } catch (NotFoundException missing) {
          if (!type.equals(MediaTypes.APPLY_PATCH) || status) {
            throw missing;
          }
          JsonNode created = applier.apply(type, scope.kind(), Optional.empty(), body, context);
          HasMetadata object = ObjectDecoding.decode(scope.kind(), created, scope.fieldValidation());
          Responses.json(response, callback, 201, api.writes().create(scope.withSubresource(""), object), accept);
        }
      }
      case "scale" -> {
        Scale current = api.subresources().getScale(scope);
        JsonNode result = applier.apply(type, scope.kind(), Optional.of(KubeJson.mapper().valueToTree(current)), body, context);
        Scale desired = KubeJson.mapper().convertValue(result, Scale.class);
        Responses.json(response, callback, 200, api.subresources().updateScale(scope, desired), accept);
      }
      default -> throw ApiErrors.methodNotAllowed("the server does not allow this method on the requested resource");
    }
  }
}
