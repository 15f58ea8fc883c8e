package io.capstan.runtime.apiserver.protobuf;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns a parsed Kubernetes protobuf message into the JSON Go's {@code encoding/json} writes for the
 * same object, driven by the message descriptors.
 *
 * <p>Rules, each mirroring Go: a field's JSON name is its protobuf name (Kubernetes names these
 * after the JSON tags; {@link GoJsonLayout} has the one exception) and fields keep the descriptor's
 * order (the Go struct's); a nested message that is present becomes an object, even when empty
 * ({@code omitempty} never drops a struct, hence {@code "spec":{}}), except that an embedded
 * struct's properties join the enclosing object ({@link GoJsonLayout}); a scalar holding its zero
 * value is left out unless {@link GoZeroFields} says Go writes it; repeated and map fields with no
 * entries are left out; {@code bytes} become base64 text; the apimachinery types with their own
 * JSON go through {@link WellKnownTypes}. Fields on the wire that the schema does not know are
 * dropped, as kube-apiserver drops them, and reported as paths.
 * Thread-safe: each call converts with its own instance, which collects that call's paths.
 */
final class ProtoToJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final List<String> unknownFields = new ArrayList<>();
  private final int depth;

  private ProtoToJson(int depth) {
    this.depth = depth;
  }

  /** The converted object and the paths of wire fields the schema does not know ({@code spec.#42}). */
  record Result(ObjectNode json, List<String> unknownFields) {
    Result {
      requireNonNull(json, "json");
      unknownFields = List.copyOf(unknownFields);
    }
  }

  /**
   * Converts {@code message}, a top-level Kubernetes object from an envelope nested {@code depth}
   * deep (0 for a request body).
   */
  static Result convert(Message message, int depth) {
    requireNonNull(message, "message");
    ProtoToJson converter = new ProtoToJson(depth);
    ObjectNode json = converter.object(message, "");
    return new Result(json, converter.unknownFields);
  }

  private ObjectNode object(Message m, String path) {
    ObjectNode out = NODES.objectNode();
    for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
      String name = GoJsonLayout.jsonName(f);
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      if (f.isMapField()) {
        if (m.getRepeatedFieldCount(f) > 0) {
          out.set(name, map(m, f, fieldPath));
        }
      } else if (f.isRepeated()) {
        int count = m.getRepeatedFieldCount(f);
        if (count > 0) {
          ArrayNode array = out.putArray(name);
          for (int i = 0; i < count; i++) {
            array.add(value(f, m.getRepeatedField(f, i), fieldPath + "[" + i + "]"));
          }
        }
      } else if (m.hasField(f) && GoJsonLayout.isEmbedded(f)) {
        // Go promotes an embedded struct's properties; a property of the outer struct wins a clash
        object((Message) m.getField(f), fieldPath).properties().forEach(p -> {
          if (!out.has(p.getKey())) {
            out.set(p.getKey(), p.getValue());
          }
        });
      } else if (m.hasField(f)) {
        Object v = m.getField(f);
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE || !isZero(v) || GoZeroFields.keepsZero(f)) {
          out.set(name, value(f, v, fieldPath));
        }
      }
    }
    m.getUnknownFields().asMap().keySet().forEach(number -> unknownFields.add(path + (path.isEmpty() ? "" : ".")
        + "#" + number));
    return out;
  }

  private ObjectNode map(Message m, FieldDescriptor f, String path) {
    FieldDescriptor keyField = f.getMessageType().findFieldByName("key");
    FieldDescriptor valueField = f.getMessageType().findFieldByName("value");
    ObjectNode out = NODES.objectNode();
    for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
      Message entry = (Message) m.getRepeatedField(f, i);
      String key = String.valueOf(entry.getField(keyField));
      // a map value is always written by Go, zero or not
      out.set(key, value(valueField, entry.getField(valueField), path + "[" + key + "]"));
    }
    return out;
  }

  private JsonNode value(FieldDescriptor f, Object v, String path) {
    return switch (f.getJavaType()) {
      case MESSAGE -> {
        Message m = (Message) v;
        yield WellKnownTypes.handles(m.getDescriptorForType())
            ? WellKnownTypes.toJson(m, path, depth) : object(m, path);
      }
      case STRING -> NODES.textNode((String) v);
      case INT -> NODES.numberNode((Integer) v);
      case LONG -> {
        long n = (Long) v;
        // the node a JSON parser makes for the same text, so decoded trees compare equal to parsed ones
        yield n == (int) n ? NODES.numberNode((int) n) : NODES.numberNode(n);
      }
      case BOOLEAN -> NODES.booleanNode((Boolean) v);
      case DOUBLE -> NODES.numberNode((Double) v);
      case FLOAT -> NODES.numberNode((Float) v);
      case BYTE_STRING -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
      case ENUM -> NODES.textNode(v.toString());
    };
  }

  private static boolean isZero(Object v) {
    if (v instanceof String s) {
      return s.isEmpty();
    }
    if (v instanceof Number n) {
      return n.doubleValue() == 0;
    }
    if (v instanceof Boolean b) {
      return !b;
    }
    if (v instanceof ByteString bytes) {
      return bytes.isEmpty();
    }
    return false;
  }
}
