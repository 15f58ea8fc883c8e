package io.capstan.runtime.apiserver.protobuf;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.capstan.runtime.apiserver.protobuf.ProtobufCodecException.Reason;
import io.capstan.spi.api.KubeJson;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;

/**
 * The apimachinery types whose JSON is not their protobuf structure, because Go gives them their
 * own {@code MarshalJSON}: {@code Time} and {@code MicroTime} (RFC 3339 text, {@code null} when
 * zero), {@code Quantity} (its text), {@code IntOrString} (a bare number or string),
 * {@code RawExtension} and {@code FieldsV1} (embedded JSON), and {@code Verbs} (a bare array).
 * Everything else is converted field by field by {@link ProtoToJson} and {@link JsonToProto}.
 *
 * <p>{@code metav1.Duration} also has its own JSON ({@code "1h0m0s"}) but no kind this codec
 * serves contains one, so it is not handled (a test checks that it stays unreachable). Stateless.
 */
final class WellKnownTypes {

  static final String TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.Time";
  static final String MICRO_TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime";
  static final String FIELDS_V1 = "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1";
  static final String VERBS = "k8s.io.apimachinery.pkg.apis.meta.v1.Verbs";
  static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
  static final String QUANTITY_VALUE = "k8s.io.apimachinery.pkg.api.resource.QuantityValue";
  static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
  static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";

  /** Every full message name handled here. */
  static final Set<String> NAMES =
      Set.of(TIME, MICRO_TIME, FIELDS_V1, VERBS, QUANTITY, QUANTITY_VALUE, INT_OR_STRING, RAW_EXTENSION);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final long INT_OR_STRING_INT = 0;
  private static final long INT_OR_STRING_STRING = 1;

  private WellKnownTypes() {}

  static boolean handles(Descriptor type) {
    return NAMES.contains(type.getFullName());
  }

  /**
   * The Kubernetes JSON of a well-known message.
   *
   * @param depth how deep the enclosing envelope is nested, for envelopes embedded in a {@code RawExtension}
   * @throws ProtobufCodecException ({@link Reason#MALFORMED_OBJECT}) naming {@code path} when the
   *     message holds what Go would refuse to marshal (an {@code IntOrString} of an unknown type,
   *     embedded bytes that are not JSON)
   */
  static JsonNode toJson(Message m, String path, int depth) {
    String name = m.getDescriptorForType().getFullName();
    switch (name) {
      case TIME, MICRO_TIME -> {
        // Go writes a zero-length Time for the zero value and reads it back as zero, which marshals
        // to null; a Time that carries seconds = 0 is the Unix epoch, not zero
        if (!has(m, "seconds") && !has(m, "nanos")) {
          return NODES.nullNode();
        }
        Instant t = Instant.ofEpochSecond(longField(m, "seconds"), longField(m, "nanos"));
        return NODES.textNode(name.equals(TIME) ? KubeTimes.formatTime(t) : KubeTimes.formatMicroTime(t));
      }
      case QUANTITY, QUANTITY_VALUE -> {
        String text = (String) field(m, "string");
        // a zero Quantity marshals as "0" in Go
        return NODES.textNode(text.isEmpty() ? "0" : text);
      }
      case INT_OR_STRING -> {
        long type = longField(m, "type");
        if (type == INT_OR_STRING_INT) {
          return NODES.numberNode(((Number) field(m, "intVal")).intValue());
        }
        if (type == INT_OR_STRING_STRING) {
          return NODES.textNode((String) field(m, "strVal"));
        }
        throw new ProtobufCodecException(Reason.MALFORMED_OBJECT,
            path + ": IntOrString has type " + type + "; only 0 (int) and 1 (string) exist");
      }
      case VERBS -> {
        ArrayNode array = NODES.arrayNode();
        FieldDescriptor items = m.getDescriptorForType().findFieldByName("items");
        for (int i = 0; i < m.getRepeatedFieldCount(items); i++) {
          array.add((String) m.getRepeatedField(items, i));
        }
        return array;
      }
      case RAW_EXTENSION, FIELDS_V1 -> {
        ByteString raw = (ByteString) field(m, name.equals(RAW_EXTENSION) ? "raw" : "Raw");
        return embedded(raw, path, depth);
      }
      default -> throw new IllegalArgumentException(name + " is not a well-known type");
    }
  }

  private static JsonNode embedded(ByteString raw, String path, int depth) {
    if (raw.isEmpty()) {
      return NODES.nullNode(); // RawExtension.MarshalJSON writes null for no bytes
    }
    byte[] bytes = raw.toByteArray();
    if (KubeProtobuf.hasMagic(bytes)) {
      // an object embedded by the protobuf serializer (WatchEvent.object) is itself an envelope
      return KubeProtobuf.decode(bytes, depth + 1).json();
    }
    try {
      return KubeJson.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new ProtobufCodecException(Reason.MALFORMED_OBJECT,
          path + ": embedded object is neither JSON nor a Kubernetes protobuf envelope", e);
    }
  }

  /**
   * Writes {@code json} into {@code builder}, a builder of a well-known type.
   *
   * @throws ProtobufCodecException ({@link Reason#UNENCODABLE_OBJECT}) naming {@code path} for a
   *     value of the wrong JSON type or unparseable time text
   */
  static void fromJson(JsonNode json, Message.Builder builder, String path) {
    requireNonNull(json, "json");
    Descriptor type = builder.getDescriptorForType();
    String name = type.getFullName();
    switch (name) {
      case TIME, MICRO_TIME -> {
        Instant t;
        try {
          t = KubeTimes.parse(text(json, path, "an RFC 3339 time"));
        } catch (IllegalArgumentException e) {
          throw unencodable(path, e.getMessage());
        }
        set(builder, "seconds", t.getEpochSecond());
        set(builder, "nanos", t.getNano());
      }
      case QUANTITY, QUANTITY_VALUE -> {
        // YAML's `cpu: 1` arrives as a number; Go's Quantity accepts both
        if (!json.isTextual() && !json.isNumber()) {
          throw unencodable(path, "a quantity must be a string or a number, not " + json.getNodeType());
        }
        set(builder, "string", json.isTextual() ? json.textValue() : json.numberValue().toString());
      }
      case INT_OR_STRING -> {
        if (json.isIntegralNumber() && json.canConvertToInt()) {
          set(builder, "type", INT_OR_STRING_INT);
          set(builder, "intVal", json.intValue());
        } else if (json.isTextual()) {
          set(builder, "type", INT_OR_STRING_STRING);
          set(builder, "strVal", json.textValue());
        } else {
          throw unencodable(path, "an int-or-string must be a 32-bit integer or a string, not " + json);
        }
      }
      case VERBS -> {
        if (!json.isArray()) {
          throw unencodable(path, "verbs must be an array, not " + json.getNodeType());
        }
        FieldDescriptor items = type.findFieldByName("items");
        json.forEach(v -> builder.addRepeatedField(items, text(v, path, "a verb")));
      }
      case RAW_EXTENSION, FIELDS_V1 -> {
        try {
          set(builder, name.equals(RAW_EXTENSION) ? "raw" : "Raw",
              ByteString.copyFrom(KubeJson.mapper().writeValueAsBytes(json)));
        } catch (JsonProcessingException e) {
          throw new ProtobufCodecException(Reason.UNENCODABLE_OBJECT, path + ": cannot write embedded JSON", e);
        }
      }
      default -> throw new IllegalArgumentException(name + " is not a well-known type");
    }
  }

  private static String text(JsonNode json, String path, String what) {
    if (!json.isTextual()) {
      throw unencodable(path, "expected " + what + " as a string, not " + json.getNodeType());
    }
    return json.textValue();
  }

  private static ProtobufCodecException unencodable(String path, String message) {
    return new ProtobufCodecException(Reason.UNENCODABLE_OBJECT, path + ": " + message);
  }

  private static boolean has(Message m, String field) {
    return m.hasField(m.getDescriptorForType().findFieldByName(field));
  }

  private static Object field(Message m, String field) {
    return m.getField(m.getDescriptorForType().findFieldByName(field));
  }

  private static long longField(Message m, String field) {
    return ((Number) field(m, field)).longValue();
  }

  private static void set(Message.Builder b, String field, Object value) {
    b.setField(b.getDescriptorForType().findFieldByName(field), value);
  }
}
