package io.capstan.runtime.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.ResourceKind;
import java.util.List;

/** What kubectl 1.32 does with an OpenAPI v3 document, re-enacted step by step. */
final class KubectlChecks {

  private KubectlChecks() {}

  /**
   * cli-runtime's {@code supportsQueryParamV3}: the first PATCH operation whose
   * {@code x-kubernetes-group-version-kind} is the GVK decides, by whether its inline parameters
   * name {@code fieldValidation}.
   */
  static boolean supportsFieldValidation(JsonNode doc, String group, String version, String kind) {
    for (JsonNode path : doc.get("paths")) {
      JsonNode patch = path.get("patch");
      if (patch == null) {
        continue;
      }
      JsonNode gvk = patch.path("x-kubernetes-group-version-kind");
      if (!gvk.path("group").asText().equals(group) || !gvk.path("version").asText().equals(version)
          || !gvk.path("kind").asText().equals(kind)) {
        continue;
      }
      for (JsonNode param : patch.path("parameters")) {
        if (param.path("name").asText().equals("fieldValidation")) {
          return true;
        }
      }
      return false;
    }
    return false;
  }

  /**
   * kubectl explain's plaintext template: look at the resource's cluster and namespaced paths,
   * with and without {@code {name}}, and take the GVK of the first get/post/put/patch/delete
   * operation that has one. Null when none.
   */
  static JsonNode explainGvk(JsonNode doc, ResourceKind kind) {
    String prefix = kind.group().isEmpty() ? "/api" : "/apis/" + kind.group();
    String base = prefix + "/" + kind.version();
    for (String path : List.of(base + "/" + kind.plural(), base + "/" + kind.plural() + "/{name}",
        base + "/namespaces/{namespace}/" + kind.plural(),
        base + "/namespaces/{namespace}/" + kind.plural() + "/{name}")) {
      JsonNode item = doc.get("paths").get(path);
      if (item == null) {
        continue;
      }
      for (String method : List.of("get", "post", "put", "patch", "delete")) {
        JsonNode gvk = item.path(method).get("x-kubernetes-group-version-kind");
        if (gvk != null) {
          return gvk;
        }
      }
    }
    return null;
  }
}
