package io.capstan.runtime.apiserver.patch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One {@code metav1.ManagedFieldsEntry}: a manager, its operation ({@code Apply} or
 * {@code Update}), the API version it wrote through, when, and the fields it owns.
 *
 * @param time RFC 3339, or {@code ""} when the entry has none
 * @param subresource {@code ""} for the main resource
 */
record ManagedFieldsEntry(String manager, String operation, String apiVersion, String time, FieldSet fields,
    String subresource) {

  static final String APPLY = "Apply";
  static final String UPDATE = "Update";

  ManagedFieldsEntry {
    requireNonNull(manager, "manager");
    requireNonNull(operation, "operation");
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(time, "time");
    requireNonNull(fields, "fields");
    requireNonNull(subresource, "subresource");
  }

  /**
   * True when {@code other} is the same manager in Kubernetes' sense
   * ({@code BuildManagerIdentifier}): same name, operation and subresource, and for
   * {@code Update} also the same API version (an applier keeps its identity across versions).
   */
  boolean sameManager(ManagedFieldsEntry other) {
    return manager.equals(other.manager) && operation.equals(other.operation)
        && subresource.equals(other.subresource)
        && (operation.equals(APPLY) || apiVersion.equals(other.apiVersion));
  }

  ManagedFieldsEntry withFields(FieldSet newFields) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, time, newFields, subresource);
  }

  ManagedFieldsEntry withTime(String newTime) {
    return new ManagedFieldsEntry(manager, operation, apiVersion, newTime, fields, subresource);
  }

  /** Seconds since the epoch of {@link #time()}, 0 when absent or unreadable (sorting only). */
  long epochSeconds() {
    try {
      return time.isEmpty() ? 0 : Instant.parse(time).getEpochSecond();
    } catch (DateTimeParseException e) {
      return 0;
    }
  }

  /**
   * The manager as a conflict names it ({@code printManager} in {@code internal/conflict.go}):
   * {@code "kubectl"} for an applier, {@code "kube-controller-manager" using apps/v1} for an
   * updater, with {@code with subresource "status"} when set. Kubernetes prints from the manager
   * identifier, which never holds the time, so its {@code at <time>} branch never shows.
   */
  String printed() {
    String s = "\"" + manager + "\"";
    if (!subresource.isEmpty()) {
      s += " with subresource \"" + subresource + "\"";
    }
    if (operation.equals(UPDATE)) {
      s += " using " + apiVersion;
    }
    return s;
  }

  ObjectNode toJson() {
    ObjectNode o = Json.NODES.objectNode();
    o.put("manager", manager);
    o.put("operation", operation);
    o.put("apiVersion", apiVersion);
    if (!time.isEmpty()) {
      o.put("time", time);
    }
    o.put("fieldsType", "FieldsV1");
    o.set("fieldsV1", fields.toFieldsV1());
    if (!subresource.isEmpty()) {
      o.put("subresource", subresource);
    }
    return o;
  }

  /** The entry a stored JSON object describes; missing strings read as {@code ""}. */
  static ManagedFieldsEntry fromJson(JsonNode o) {
    return new ManagedFieldsEntry(text(o, "manager"), text(o, "operation"), text(o, "apiVersion"), text(o, "time"),
        FieldSet.fromFieldsV1(o.get("fieldsV1")), text(o, "subresource"));
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }
}
