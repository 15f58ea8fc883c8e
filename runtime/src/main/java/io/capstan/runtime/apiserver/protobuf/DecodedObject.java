package io.capstan.runtime.apiserver.protobuf;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.protobuf.ProtobufCodecException.Reason;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * A protobuf request body decoded to Kubernetes JSON: what the same client would have sent as
 * {@code application/json}, {@code kind} and {@code apiVersion} included.
 *
 * @param apiVersion the envelope's apiVersion ({@code apps/v1})
 * @param kind the envelope's kind ({@code Deployment})
 * @param json the object in Kubernetes' JSON shape; the caller owns it and may change it
 * @param unknownFields paths of wire fields the schema does not know ({@code spec.#42}), dropped
 *     from {@code json} as kube-apiserver drops them; empty for every kubectl up to the schema's
 *     version, worth a log line otherwise
 */
public record DecodedObject(String apiVersion, String kind, ObjectNode json, List<String> unknownFields) {

  public DecodedObject {
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(kind, "kind");
    requireNonNull(json, "json");
    unknownFields = List.copyOf(requireNonNull(unknownFields, "unknownFields"));
  }

  /**
   * The object as {@code type} (a fabric8 model class), read with {@link KubeJson}'s settings.
   *
   * @throws ProtobufCodecException ({@link Reason#MALFORMED_OBJECT}) when the JSON does not fit {@code type}
   */
  public <T> T as(Class<T> type) {
    requireNonNull(type, "type");
    try {
      return KubeJson.mapper().treeToValue(json, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ProtobufCodecException(Reason.MALFORMED_OBJECT,
          kind + " " + apiVersion + " does not read as " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The object as the fabric8 class {@code kinds} holds for its apiVersion and kind.
   *
   * @throws ProtobufCodecException ({@link Reason#MALFORMED_OBJECT}, 400 as kube-apiserver answers
   *     an unrecognized object) when {@code kinds} does not serve this kind; request-only kinds such
   *     as {@code Eviction} are read with {@link #as(Class)}
   */
  public HasMetadata toResource(KindRegistry kinds) {
    requireNonNull(kinds, "kinds");
    ResourceKind k = kinds.byApiVersionAndKind(apiVersion, kind).orElseThrow(() -> new ProtobufCodecException(
        Reason.MALFORMED_OBJECT, "the object provided is unrecognized: kind " + kind + " of " + apiVersion
            + " is not a resource this server serves"));
    return as(k.javaType());
  }
}
