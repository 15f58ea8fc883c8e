package io.capstan.runtime.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reading and writing {@code metadata.managedFields}. Entries are written in Kubernetes' order
 * ({@code sortEncodedManagedFields}): by operation ({@code Apply} before {@code Update}), then
 * time, manager, API version and subresource; entries that own nothing are dropped.
 */
final class ManagedFields {

  private static final Comparator<ManagedFieldsEntry> ORDER = Comparator.comparing(ManagedFieldsEntry::operation)
      .thenComparingLong(ManagedFieldsEntry::epochSeconds)
      .thenComparing(ManagedFieldsEntry::manager)
      .thenComparing(ManagedFieldsEntry::apiVersion)
      .thenComparing(ManagedFieldsEntry::subresource);

  private ManagedFields() {}

  /** The entries of {@code object}; entries that are not objects are skipped. */
  static List<ManagedFieldsEntry> read(JsonNode object) {
    List<ManagedFieldsEntry> out = new ArrayList<>();
    JsonNode list = object == null ? null : object.path("metadata").get("managedFields");
    if (list != null && list.isArray()) {
      for (JsonNode e : list) {
        if (e.isObject() && !e.isEmpty()) {
          out.add(ManagedFieldsEntry.fromJson(e));
        }
      }
    }
    return out;
  }

  /**
   * True when {@code object} asks to reset managed fields ({@code isResetManagedFields}): an
   * empty list, or a list holding one empty entry.
   */
  static boolean isReset(JsonNode object) {
    JsonNode list = object.path("metadata").get("managedFields");
    return list != null && list.isArray()
        && (list.isEmpty() || (list.size() == 1 && list.get(0).isObject() && list.get(0).isEmpty()));
  }

  /** Removes {@code metadata.managedFields} from {@code object}. */
  static void strip(ObjectNode object) {
    JsonNode meta = object.get("metadata");
    if (meta instanceof ObjectNode m) {
      m.remove("managedFields");
    }
  }

  /** Sets {@code metadata.managedFields} of {@code object} to the non-empty {@code entries}, sorted. */
  static void write(ObjectNode object, List<ManagedFieldsEntry> entries) {
    List<ManagedFieldsEntry> kept = new ArrayList<>(entries.stream().filter(e -> !e.fields().isEmpty()).toList());
    kept.sort(ORDER);
    if (kept.isEmpty()) {
      strip(object);
      return;
    }
    ArrayNode list = Json.NODES.arrayNode();
    kept.forEach(e -> list.add(e.toJson()));
    JsonNode meta = object.get("metadata");
    ObjectNode m = meta instanceof ObjectNode o ? o : object.putObject("metadata");
    m.set("managedFields", list);
  }
}
