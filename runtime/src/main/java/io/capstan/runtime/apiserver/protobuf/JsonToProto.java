package io.capstan.runtime.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.capstan.runtime.apiserver.protobuf.ProtobufCodecException.Reason;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Fills a Kubernetes protobuf message from its JSON, the reverse of {@link ProtoToJson}, with the
 * leniency of Go's JSON decoder: properties the schema does not know are ignored (a Go client could
 * not hold them either) and {@code null} means "not set". Every value that is present is set, zero
 * or not, so a pointer field such as {@code replicas: 0} reaches a Go client as set. Properties of
 * embedded structs ({@link GoJsonLayout}) are gathered into their nested message. Values of the
 * wrong JSON type are refused with their path, as Go's decoder refuses them. Stateless.
 */
final class JsonToProto {

  /** Properties of every top-level object that live in the envelope, not in the message. */
  private static final Set<String> TYPE_META = Set.of("apiVersion", "kind");

  private JsonToProto() {}

  /** Builds a message of {@code type} from {@code json}, a top-level Kubernetes object. */
  static Message convert(JsonNode json, Descriptor type) {
    requireObject(json, "");
    ObjectNode body = ((ObjectNode) json).deepCopy();
    TYPE_META.stream().filter(p -> GoJsonLayout.fieldForJsonName(type, p) == null).forEach(body::remove);
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    object(builder, body, "");
    return builder.build();
  }

  private static void object(Message.Builder builder, JsonNode json, String path) {
    requireObject(json, path);
    Descriptor type = builder.getDescriptorForType();
    Map<FieldDescriptor, ObjectNode> embedded = new LinkedHashMap<>();
    json.properties().forEach(p -> {
      String name = p.getKey();
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      FieldDescriptor f = GoJsonLayout.fieldForJsonName(type, name);
      if (f != null && !GoJsonLayout.isEmbedded(f)) {
        field(builder, f, p.getValue(), fieldPath);
        return;
      }
      FieldDescriptor host = embeddedHost(type, name);
      if (host != null) {
        embedded.computeIfAbsent(host, h -> JsonNodeFactory.instance.objectNode()).set(name, p.getValue());
      }
    });
    embedded.forEach((host, properties) -> builder.setField(host, single(builder, host, properties, path)));
  }

  /** The embedded field of {@code type} that holds property {@code name}, directly or through further embedding. */
  private static FieldDescriptor embeddedHost(Descriptor type, String name) {
    for (FieldDescriptor g : type.getFields()) {
      if (GoJsonLayout.isEmbedded(g)) {
        FieldDescriptor inner = GoJsonLayout.fieldForJsonName(g.getMessageType(), name);
        if ((inner != null && !GoJsonLayout.isEmbedded(inner)) || embeddedHost(g.getMessageType(), name) != null) {
          return g;
        }
      }
    }
    return null;
  }

  private static void field(Message.Builder builder, FieldDescriptor f, JsonNode value, String path) {
    if (value.isNull()) {
      return;
    }
    if (f.isMapField()) {
      requireObject(value, path);
      FieldDescriptor keyField = f.getMessageType().findFieldByName("key");
      FieldDescriptor valueField = f.getMessageType().findFieldByName("value");
      value.properties().forEach(e -> {
        Message.Builder entry = builder.newBuilderForField(f);
        entry.setField(keyField, e.getKey());
        if (!e.getValue().isNull()) {
          entry.setField(valueField, single(entry, valueField, e.getValue(), path + "[" + e.getKey() + "]"));
        }
        builder.addRepeatedField(f, entry.build());
      });
    } else if (f.isRepeated()) {
      if (!value.isArray()) {
        throw unencodable(path, "expected an array, not " + value.getNodeType());
      }
      for (int i = 0; i < value.size(); i++) {
        if (!value.get(i).isNull()) {
          builder.addRepeatedField(f, single(builder, f, value.get(i), path + "[" + i + "]"));
        }
      }
    } else {
      builder.setField(f, single(builder, f, value, path));
    }
  }

  /** One value of field {@code f} of {@code owner}'s type. */
  private static Object single(Message.Builder owner, FieldDescriptor f, JsonNode v, String path) {
    switch (f.getJavaType()) {
      case MESSAGE -> {
        Message.Builder nested = owner.newBuilderForField(f);
        if (WellKnownTypes.handles(f.getMessageType())) {
          WellKnownTypes.fromJson(v, nested, path);
        } else {
          object(nested, v, path);
        }
        return nested.build();
      }
      case STRING -> {
        if (!v.isTextual()) {
          throw unencodable(path, "expected a string, not " + v.getNodeType());
        }
        return v.textValue();
      }
      case INT -> {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
          throw unencodable(path, "expected a 32-bit integer, not " + v);
        }
        return v.intValue();
      }
      case LONG -> {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
          throw unencodable(path, "expected a 64-bit integer, not " + v);
        }
        return v.longValue();
      }
      case BOOLEAN -> {
        if (!v.isBoolean()) {
          throw unencodable(path, "expected true or false, not " + v);
        }
        return v.booleanValue();
      }
      case DOUBLE, FLOAT -> {
        if (!v.isNumber()) {
          throw unencodable(path, "expected a number, not " + v);
        }
        return f.getJavaType() == FieldDescriptor.JavaType.DOUBLE ? (Object) v.doubleValue() : (Object) v.floatValue();
      }
      case BYTE_STRING -> {
        if (!v.isTextual()) {
          throw unencodable(path, "expected base64 text, not " + v.getNodeType());
        }
        try {
          return ByteString.copyFrom(Base64.getDecoder().decode(v.textValue()));
        } catch (IllegalArgumentException e) {
          throw unencodable(path, "not valid base64: " + e.getMessage());
        }
      }
      default -> throw unencodable(path, "field type " + f.getType() + " does not occur in Kubernetes' schema");
    }
  }

  private static void requireObject(JsonNode json, String path) {
    if (!json.isObject()) {
      throw unencodable(path.isEmpty() ? "(object)" : path, "expected an object, not " + json.getNodeType());
    }
  }

  private static ProtobufCodecException unencodable(String path, String message) {
    return new ProtobufCodecException(Reason.UNENCODABLE_OBJECT, path + ": " + message);
  }
}
