package io.capstan.runtime.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.spi.api.KubeJson;
import java.io.IOException;

/**
 * Request bodies to JSON trees: JSON, YAML, and (through a pluggable decoder) Kubernetes'
 * protobuf envelope. Malformed input is a 400 with the parser's message; an unknown content type a
 * 415 naming the accepted ones.
 */
public final class Bodies {

  private static final ObjectMapper YAML_READER = KubeJson.configure(new ObjectMapper(new YAMLFactory()));

  /** Decodes Kubernetes protobuf bodies into JSON trees; absent until the codec is installed. */
  public interface ProtobufDecoder {
    JsonNode decode(byte[] body);
  }

  private final ProtobufDecoder protobuf;

  public Bodies(ProtobufDecoder protobuf) {
    this.protobuf = protobuf;
  }

  public JsonNode read(byte[] body, String contentType) {
    String type = MediaTypes.base(contentType);
    try {
      return switch (type) {
        case "", MediaTypes.JSON, MediaTypes.MERGE_PATCH, MediaTypes.STRATEGIC_PATCH, MediaTypes.JSON_PATCH ->
            requireTree(KubeJson.mapper().readTree(body));
        case MediaTypes.YAML, "application/x-yaml", "text/yaml", MediaTypes.APPLY_PATCH -> requireTree(YAML_READER.readTree(body));
        case MediaTypes.PROTOBUF -> {
          if (protobuf == null) {
            throw unsupported(type);
          }
          yield protobuf.decode(body);
        }
        default -> throw unsupported(type);
      };
    } catch (IOException e) {
      throw ApiErrors.badRequest("the body of the request could not be decoded: " + firstLine(e.getMessage()));
    }
  }

  private static JsonNode requireTree(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      throw ApiErrors.badRequest("the body of the request is empty");
    }
    return node;
  }

  static io.capstan.spi.client.ApiException unsupported(String type) {
    return ApiErrors.unsupportedMediaType("the body of the request was in an unknown format - accepted media types include: "
        + "application/json, application/yaml, application/vnd.kubernetes.protobuf (got \"" + type + "\")");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
