package io.capstan.runtime.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.patch.FieldManagerContext;
import io.capstan.runtime.apiserver.patch.PatchEngine;
import io.capstan.runtime.apiserver.patch.PatchException;
import io.capstan.runtime.apiserver.patch.PatchSchema;
import io.capstan.runtime.apiserver.patch.PatchSchemas;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.PatchType;
import java.util.Optional;

/** The API's patch step backed by the patch engine; its failures become Kubernetes Status answers. */
public final class EnginePatchApplier implements ApiExtensions.PatchApplier {

  @Override
  public JsonNode apply(String contentType, ResourceKind kind, Optional<JsonNode> live, byte[] body,
      ApiExtensions.PatchContext context) {
    PatchType type = typeOf(contentType);
    Optional<PatchSchema> schema = PatchSchemas.forKind(kind);
    try {
      if (type == PatchType.APPLY) {
        FieldManagerContext manager = FieldManagerContext.of(context.fieldManager(), kind.apiVersion(), context.now());
        return PatchEngine.serverSideApply(live, body, schema.orElseGet(PatchSchemas::forCustomResource), manager, context.force());
      }
      if (live.isEmpty()) {
        throw ApiErrors.notFoundPath("the object to patch does not exist");
      }
      return PatchEngine.apply(type, live.get(), body, schema);
    } catch (PatchException e) {
      throw new ApiException(e.toStatus());
    }
  }

  private static PatchType typeOf(String contentType) {
    for (PatchType type : PatchType.values()) {
      if (type.contentType().equals(contentType)) {
        return type;
      }
    }
    throw ApiErrors.unsupportedMediaType("the body of the request was in an unknown format - accepted media types include: "
        + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, "
        + "application/strategic-merge-patch+json");
  }
}
