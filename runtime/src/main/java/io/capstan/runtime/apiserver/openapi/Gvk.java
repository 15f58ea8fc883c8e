package io.capstan.runtime.apiserver.openapi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A group, version and kind as OpenAPI's {@code x-kubernetes-group-version-kind} writes it
 * ({@code {"group": "apps", "kind": "Deployment", "version": "v1"}}, group empty for the core
 * group). kubectl matches these maps exactly, so all three keys are always written. Immutable.
 *
 * @param group the group
 * @param version the version
 * @param kind the kind
 */
record Gvk(String group, String version, String kind) {

  Gvk {
    requireNonNull(group, "group");
    requireNonNull(version, "version");
    requireNonNull(kind, "kind");
  }

  ObjectNode toJson() {
    return JsonNodeFactory.instance.objectNode().put("group", group).put("kind", kind).put("version", version);
  }
}
