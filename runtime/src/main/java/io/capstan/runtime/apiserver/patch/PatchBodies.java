package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;

/**
 * Reads PATCH bodies into trees, turning every decoding failure into the 400 Kubernetes answers.
 * Duplicate keys are refused (Kubernetes' decoders refuse them under {@code fieldValidation=Strict}
 * and a patch that says two things about one field has no single meaning); big numbers are kept
 * exact. Stateless and thread-safe.
 */
final class PatchBodies {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private PatchBodies() {}

  /**
   * The JSON body, or 400 with {@code prefix} and the decoder's complaint.
   *
   * @param prefix text before the decoder's message ({@code "error decoding patch: "}), may be empty
   */
  static JsonNode json(byte[] body, String prefix) {
    if (body.length == 0) {
      throw PatchException.badRequest(prefix + "unexpected end of JSON input");
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw PatchException.badRequest(prefix + firstLine(e));
    }
  }

  /**
   * The body of an apply patch: YAML, of which JSON is a subset, as Kubernetes'
   * {@code yaml.Unmarshal} reads it; 400 {@code error decoding YAML: ...} otherwise.
   */
  static JsonNode yaml(byte[] body) {
    try {
      JsonNode node = YAML.readTree(body);
      return node == null || node.isMissingNode() ? Json.NODES.nullNode() : node;
    } catch (IOException e) {
      throw PatchException.badRequest("error decoding YAML: " + firstLine(e));
    }
  }

  private static String firstLine(IOException e) {
    String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
