package io.capstan.runtime.apiserver.security;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.AuthorizationDecision;
import io.capstan.spi.auth.Decision;
import io.capstan.spi.auth.UserInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The review resources that ask the server about identities and rights, answered from the
 * authorizer chain as Kubernetes does: {@code selfsubjectaccessreviews} ({@code kubectl auth
 * can-i}), {@code subjectaccessreviews} and {@code localsubjectaccessreviews} (any user, for
 * callers allowed to create them) in {@code authorization.k8s.io/v1}, and
 * {@code selfsubjectreviews} ({@code kubectl auth whoami}) in {@code authentication.k8s.io/v1}.
 * Nothing is stored; the answer is the request with its {@code status} filled in.
 */
public final class AccessReviews {

  public static final String AUTHORIZATION = "authorization.k8s.io";
  public static final String AUTHENTICATION = "authentication.k8s.io";

  private final ApiSecurity security;

  public AccessReviews(ApiSecurity security) {
    this.security = requireNonNull(security, "security");
  }

  /** True for the review resources this class answers (create only). */
  public static boolean isReview(String group, String resource) {
    return switch (group) {
      case AUTHORIZATION -> resource.equals("selfsubjectaccessreviews") || resource.equals("subjectaccessreviews")
          || resource.equals("localsubjectaccessreviews");
      case AUTHENTICATION -> resource.equals("selfsubjectreviews");
      default -> false;
    };
  }

  /** Answers a create of a review resource by {@code user} in {@code namespace} ({@code ""} unless local). */
  public ObjectNode review(String group, String version, String resource, String namespace, UserInfo user, JsonNode body) {
    ObjectNode review = body.isObject() ? ((ObjectNode) body).deepCopy() : KubeJson.mapper().createObjectNode();
    review.put("apiVersion", group + "/" + version);
    review.with("metadata").putNull("creationTimestamp");
    switch (resource) {
      case "selfsubjectreviews" -> {
        review.put("kind", "SelfSubjectReview");
        review.putObject("status").set("userInfo", userJson(user));
        return review;
      }
      case "selfsubjectaccessreviews" -> {
        review.put("kind", "SelfSubjectAccessReview");
        return answer(review, user, "");
      }
      case "subjectaccessreviews" -> {
        review.put("kind", "SubjectAccessReview");
        return answer(review, subject(review.path("spec")), "");
      }
      case "localsubjectaccessreviews" -> {
        review.put("kind", "LocalSubjectAccessReview");
        return answer(review, subject(review.path("spec")), namespace);
      }
      default -> throw ApiErrors.notFoundPath("the server could not find the requested resource");
    }
  }

  private ObjectNode answer(ObjectNode review, UserInfo user, String localNamespace) {
    JsonNode spec = review.path("spec");
    JsonNode res = spec.path("resourceAttributes");
    JsonNode nonRes = spec.path("nonResourceAttributes");
    AuthorizationAttributes attributes;
    if (res.isObject()) {
      String namespace = res.path("namespace").asText("");
      if (!localNamespace.isEmpty()) {
        if (!namespace.isEmpty() && !namespace.equals(localNamespace)) {
          throw ApiErrors.badRequest("spec.resourceAttributes.namespace: Invalid value: \"" + namespace
              + "\": must match metadata.namespace");
        }
        namespace = localNamespace;
      }
      String resource = res.path("resource").asText("");
      String verb = res.path("verb").asText("");
      if (resource.isEmpty() || verb.isEmpty()) {
        throw ApiErrors.badRequest("spec.resourceAttributes: resource and verb are required");
      }
      attributes = AuthorizationAttributes.resource(user, verb, namespace, res.path("group").asText(""),
          res.path("version").asText(""), resource, res.path("subresource").asText(""), res.path("name").asText(""));
    } else if (nonRes.isObject()) {
      String path = nonRes.path("path").asText("");
      String verb = nonRes.path("verb").asText("");
      if (!path.startsWith("/") || verb.isEmpty()) {
        throw ApiErrors.badRequest("spec.nonResourceAttributes: a path starting with '/' and a verb are required");
      }
      attributes = AuthorizationAttributes.nonResource(user, verb, path);
    } else {
      throw ApiErrors.badRequest("spec: exactly one of resourceAttributes or nonResourceAttributes must be set");
    }
    AuthorizationDecision decision = security.decide(attributes);
    ObjectNode status = review.putObject("status");
    status.put("allowed", decision.decision() == Decision.ALLOW);
    if (decision.decision() == Decision.DENY) {
      status.put("denied", true);
    }
    if (!decision.reason().isEmpty()) {
      status.put("reason", decision.reason());
    }
    return review;
  }

  private static UserInfo subject(JsonNode spec) {
    String name = spec.path("user").asText("");
    List<String> groups = new ArrayList<>();
    spec.path("groups").forEach(g -> {
      if (!groups.contains(g.asText())) {
        groups.add(g.asText());
      }
    });
    if (name.isEmpty() && groups.isEmpty()) {
      throw ApiErrors.badRequest("spec.user: Invalid value: \"\": at least one of user or group must be specified");
    }
    Map<String, List<String>> extra = new LinkedHashMap<>();
    spec.path("extra").fields().forEachRemaining(e -> {
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      extra.put(e.getKey(), values);
    });
    return new UserInfo(name.isEmpty() ? "(none)" : name, spec.path("uid").asText(""), groups, extra);
  }

  static ObjectNode userJson(UserInfo user) {
    ObjectNode info = KubeJson.mapper().createObjectNode();
    info.put("username", user.name());
    if (!user.uid().isEmpty()) {
      info.put("uid", user.uid());
    }
    user.groups().forEach(info.putArray("groups")::add);
    if (!user.extra().isEmpty()) {
      ObjectNode extra = info.putObject("extra");
      user.extra().forEach((k, v) -> v.forEach(extra.putArray(k)::add));
    }
    return info;
  }

}
