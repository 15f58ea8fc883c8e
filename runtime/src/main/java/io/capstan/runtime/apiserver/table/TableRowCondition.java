package io.capstan.runtime.apiserver.table;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A condition of a table row ({@code TableRowCondition}); Kubernetes marks finished pods with
 * {@code Completed}. Immutable.
 *
 * @param type {@code Completed}
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason a CamelCase reason ({@code Succeeded})
 * @param message a human-readable message
 */
public record TableRowCondition(String type, String status, String reason, String message) {

  public TableRowCondition {
    requireNonNull(type, "type");
    requireNonNull(status, "status");
    requireNonNull(reason, "reason");
    requireNonNull(message, "message");
  }

  ObjectNode toJson() {
    return JsonNodeFactory.instance.objectNode().put("type", type).put("status", status).put("reason", reason)
        .put("message", message);
  }
}
