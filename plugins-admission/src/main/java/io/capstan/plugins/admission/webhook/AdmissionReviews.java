package io.capstan.plugins.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The {@code admission.k8s.io/v1} AdmissionReview a webhook receives, and the checks Kubernetes
 * applies to the review it answers with (same apiVersion and kind, same uid, a JSONPatch when it
 * patches).
 */
final class AdmissionReviews {

  static final String API_VERSION = "admission.k8s.io/v1";
  static final String KIND = "AdmissionReview";

  private AdmissionReviews() {}

  /** What a webhook answered. */
  record Verdict(boolean allowed, Optional<Status> status, Optional<JsonNode> patch, List<String> warnings) {}

  static ObjectNode request(AdmissionRequest request, String uid) {
    ObjectNode review = KubeJson.mapper().createObjectNode();
    review.put("apiVersion", API_VERSION);
    review.put("kind", KIND);
    ObjectNode body = review.putObject("request");
    body.put("uid", uid);
    ObjectNode kind = body.putObject("kind");
    kind.put("group", request.group()).put("version", request.version()).put("kind", request.kind());
    ObjectNode resource = body.putObject("resource");
    resource.put("group", request.group()).put("version", request.version()).put("resource", request.resource());
    if (!request.subresource().isEmpty()) {
      body.put("subResource", request.subresource());
    }
    body.set("requestKind", kind.deepCopy());
    body.set("requestResource", resource.deepCopy());
    if (!request.subresource().isEmpty()) {
      body.put("requestSubResource", request.subresource());
    }
    if (!request.name().isEmpty()) {
      body.put("name", request.name());
    }
    if (!request.namespace().isEmpty()) {
      body.put("namespace", request.namespace());
    }
    body.put("operation", request.operation().name());
    ObjectNode user = body.putObject("userInfo");
    user.put("username", request.user().name());
    if (!request.user().uid().isEmpty()) {
      user.put("uid", request.user().uid());
    }
    ArrayNode groups = user.putArray("groups");
    request.user().groups().forEach(groups::add);
    if (!request.user().extra().isEmpty()) {
      user.set("extra", KubeJson.mapper().valueToTree(request.user().extra()));
    }
    request.object().ifPresent(o -> body.set("object", json(o, request)));
    request.oldObject().ifPresent(o -> body.set("oldObject", json(o, request)));
    body.put("dryRun", request.dryRun());
    String options = switch (request.operation()) {
      case CREATE -> "CreateOptions";
      case UPDATE -> "UpdateOptions";
      case DELETE -> "DeleteOptions";
      case CONNECT -> "";
    };
    if (!options.isEmpty()) {
      body.putObject("options").put("apiVersion", "meta.k8s.io/v1").put("kind", options);
    }
    return review;
  }

  /** An object as JSON, with its apiVersion and kind filled in when the object lacks them. */
  static ObjectNode json(HasMetadata object, AdmissionRequest request) {
    ObjectNode node = KubeJson.mapper().valueToTree(object);
    if (!node.hasNonNull("apiVersion")) {
      node.put("apiVersion", request.group().isEmpty() ? request.version() : request.group() + "/" + request.version());
    }
    if (!node.hasNonNull("kind") && request.operation() != AdmissionOperation.CONNECT) {
      node.put("kind", request.kind());
    }
    return node;
  }

  /**
   * Reads a webhook's answer to the review with {@code uid}.
   *
   * @throws IllegalArgumentException with Kubernetes' wording when the answer is malformed
   */
  static Verdict verdict(JsonNode review, String uid) {
    String apiVersion = review.path("apiVersion").asText("");
    String kind = review.path("kind").asText("");
    if (!API_VERSION.equals(apiVersion) || !KIND.equals(kind)) {
      throw new IllegalArgumentException("expected webhook response of " + API_VERSION + ", Kind=" + KIND + ", got "
          + apiVersion + ", Kind=" + kind);
    }
    JsonNode response = review.path("response");
    if (!response.isObject()) {
      throw new IllegalArgumentException("webhook response was absent");
    }
    String answered = response.path("uid").asText("");
    if (!uid.equals(answered)) {
      throw new IllegalArgumentException("expected response.uid=\"" + uid + "\", got \"" + answered + "\"");
    }
    Optional<Status> status = response.hasNonNull("status")
        ? Optional.of(KubeJson.mapper().convertValue(response.get("status"), Status.class)) : Optional.empty();
    Optional<JsonNode> patch = Optional.empty();
    if (response.hasNonNull("patch")) {
      String type = response.path("patchType").asText("");
      if (!"JSONPatch".equals(type)) {
        throw new IllegalArgumentException("webhook returned a patch with patchType \"" + type + "\"; only JSONPatch is supported");
      }
      try {
        String text = new String(Base64.getDecoder().decode(response.get("patch").asText()), StandardCharsets.UTF_8);
        patch = Optional.of(KubeJson.mapper().readTree(text));
      } catch (IllegalArgumentException | java.io.IOException e) {
        throw new IllegalArgumentException("webhook returned a patch that is not base64-encoded JSON: " + e.getMessage());
      }
    }
    List<String> warnings = new ArrayList<>();
    response.path("warnings").forEach(w -> warnings.add(w.asText()));
    return new Verdict(response.path("allowed").asBoolean(false), status, patch, warnings);
  }
}
