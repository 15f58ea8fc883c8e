package io.capstan.runtime.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.http.Bodies;
import io.capstan.runtime.apiserver.protobuf.KubeProtobuf;
import io.capstan.runtime.apiserver.protobuf.ProtobufCodecException;

/**
 * Request bodies in Kubernetes' protobuf encoding (what kubectl 1.32 sends for {@code kubectl
 * create namespace|deployment|job|...}) decoded to the JSON tree the rest of the path reads.
 */
final class ProtobufBodies implements Bodies.ProtobufDecoder {

  @Override
  public JsonNode decode(byte[] body) {
    try {
      return KubeProtobuf.decode(body).json();
    } catch (ProtobufCodecException e) {
      throw switch (e.httpStatus()) {
        case 415 -> ApiErrors.unsupportedMediaType(e.getMessage());
        case 400 -> ApiErrors.badRequest(e.getMessage());
        default -> ApiErrors.internal(e.getMessage());
      };
    }
  }
}
