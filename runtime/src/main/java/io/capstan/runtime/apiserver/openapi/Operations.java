package io.capstan.runtime.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Builds OpenAPI operations in Kubernetes' shape: {@code operationId}
 * ({@code patchAppsV1NamespacedDeployment}), {@code description}, {@code tags}
 * ({@code apps_v1}), inline {@code parameters}, {@code requestBody}, {@code responses}, and the
 * {@code x-kubernetes-action} and {@code x-kubernetes-group-version-kind} extensions that kubectl
 * reads: {@code kubectl explain} finds a resource's kind through them, and {@code kubectl
 * create/apply} check a PATCH operation of the kind for {@code fieldValidation}. Stateless.
 */
final class Operations {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The patch types Kubernetes accepts; each is a {@code Patch} body. */
  private static final List<String> PATCH_TYPES = List.of("application/apply-patch+yaml",
      "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json");

  private Operations() {}

  /**
   * {@code Apps} for {@code apps}, {@code RbacAuthorization} for {@code rbac.authorization.k8s.io},
   * {@code Core} for the core group.
   */
  static String groupPascal(String group) {
    if (group.isEmpty()) {
      return "Core";
    }
    StringBuilder out = new StringBuilder();
    for (String part : trimK8sIo(group).split("[.-]")) {
      out.append(capitalize(part));
    }
    return out.toString();
  }

  /** The tag of a group version: {@code apps_v1}, {@code rbacAuthorization_v1}, {@code core_v1}. */
  static String tag(String group, String version) {
    String pascal = groupPascal(group);
    return Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1) + "_" + version;
  }

  private static String trimK8sIo(String group) {
    return group.endsWith(".k8s.io") ? group.substring(0, group.length() - ".k8s.io".length()) : group;
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /** An operation with everything but its body and responses. */
  static ObjectNode operation(String operationId, String description, String tag, String action, Gvk gvk,
      List<ObjectNode> parameters) {
    ObjectNode op = JSON.objectNode().put("description", description).put("operationId", operationId);
    if (!parameters.isEmpty()) {
      Parameters.addAll(op.putArray("parameters"), parameters);
    }
    op.putArray("tags").add(tag);
    op.put("x-kubernetes-action", action);
    op.set("x-kubernetes-group-version-kind", gvk.toJson());
    return op;
  }

  /** A required {@code application/json} body of schema {@code name}. */
  static void jsonBody(ObjectNode op, String name) {
    ObjectNode body = op.putObject("requestBody");
    body.putObject("content").putObject("application/json").set("schema", SchemaGenerator.ref(name));
    body.put("required", true);
  }

  /**
   * A required PATCH body, one content type per patch type the kind accepts: custom kinds take no
   * strategic merge patch, which is also how kubectl tells it to send them a JSON merge patch.
   */
  static void patchBody(ObjectNode op, boolean strategic) {
    ObjectNode body = op.putObject("requestBody");
    ObjectNode content = body.putObject("content");
    PATCH_TYPES.stream().filter(t -> strategic || !t.contains("strategic"))
        .forEach(t -> content.putObject(t).set("schema", SchemaGenerator.ref(SchemaNames.META + "Patch")));
    body.put("required", true);
  }

  /** A DELETE body ({@code DeleteOptions}), optional as in Kubernetes. */
  static void deleteBody(ObjectNode op) {
    op.putObject("requestBody").putObject("content").putObject("application/json")
        .set("schema", SchemaGenerator.ref(SchemaNames.META + "DeleteOptions"));
  }

  /**
   * Responses {@code codes} (200 OK, 201 Created, 202 Accepted) answering schema {@code name} as
   * JSON, plus the watch stream for lists ({@code watch} true).
   */
  static void responses(ObjectNode op, String name, boolean watch, String... codes) {
    ObjectNode responses = op.putObject("responses");
    for (String code : codes) {
      ObjectNode r = responses.putObject(code);
      ObjectNode content = r.putObject("content");
      content.putObject("application/json").set("schema", SchemaGenerator.ref(name));
      if (watch) {
        content.putObject("application/json;stream=watch").set("schema", SchemaGenerator.ref(name));
      }
      r.put("description", switch (code) {
        case "201" -> "Created";
        case "202" -> "Accepted";
        default -> "OK";
      });
    }
  }

  /** A plain-text 200 response (pod logs). */
  static void textResponse(ObjectNode op) {
    ObjectNode ok = op.putObject("responses").putObject("200");
    ok.putObject("content").putObject("text/plain").putObject("schema").put("type", "string");
    ok.put("description", "OK");
  }

  /** The path-level parameters: {@code name}, {@code namespace} as the path has them, and {@code pretty}. */
  static void pathParameters(ObjectNode pathItem, String kind, boolean name, boolean namespace) {
    ArrayNode params = pathItem.putArray("parameters");
    if (name) {
      params.add(Parameters.path("name", "name of the " + kind));
    }
    if (namespace) {
      params.add(Parameters.path("namespace", "object name and auth scope, such as for teams and projects"));
    }
    params.add(Parameters.PRETTY.deepCopy());
  }
}
