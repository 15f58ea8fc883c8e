package io.capstan.runtime.apiserver.protobuf;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;

/**
 * Kubernetes' protobuf envelope: the magic {@code k8s\0} followed by a {@code runtime.Unknown}
 * {@code {typeMeta{apiVersion, kind}, raw, contentEncoding, contentType}}, where {@code raw} holds
 * the object's own message.
 *
 * @param apiVersion the object's apiVersion ({@code apps/v1})
 * @param kind the object's kind ({@code Deployment})
 * @param raw the object's message bytes
 * @param contentEncoding empty, or a compression Kubernetes never uses on requests ({@code gzip})
 * @param contentType empty, or the media type of {@code raw}
 */
record Envelope(String apiVersion, String kind, ByteString raw, String contentEncoding, String contentType) {

  static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

  private static final Descriptor UNKNOWN = Runtime.getDescriptor().findMessageTypeByName("Unknown");
  private static final Descriptor TYPE_META = Runtime.getDescriptor().findMessageTypeByName("TypeMeta");

  Envelope {
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(kind, "kind");
    requireNonNull(raw, "raw");
    requireNonNull(contentEncoding, "contentEncoding");
    requireNonNull(contentType, "contentType");
  }

  /** True when {@code body} starts with the magic. */
  static boolean hasMagic(byte[] body) {
    if (body.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (body[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the envelope after the magic, which the caller has checked.
   *
   * @throws InvalidProtocolBufferException when the bytes are no {@code runtime.Unknown}
   */
  static Envelope parse(byte[] body) throws InvalidProtocolBufferException {
    // DynamicMessage, not the generated parser: client-java-proto's parsing constructors are pre-3.21.7
    // protoc output, open to CVE-2022-3171's garbage-collection DoS; the runtime's own parser is not
    DynamicMessage u = DynamicMessage.newBuilder(UNKNOWN).mergeFrom(body, MAGIC.length, body.length - MAGIC.length)
        .build();
    Message typeMeta = (Message) u.getField(field(UNKNOWN, "typeMeta"));
    return new Envelope((String) typeMeta.getField(field(TYPE_META, "apiVersion")),
        (String) typeMeta.getField(field(TYPE_META, "kind")), (ByteString) u.getField(field(UNKNOWN, "raw")),
        (String) u.getField(field(UNKNOWN, "contentEncoding")), (String) u.getField(field(UNKNOWN, "contentType")));
  }

  /** The body: magic, then the {@code runtime.Unknown}, with every field written as Go writes them. */
  byte[] toBytes() {
    DynamicMessage typeMeta = DynamicMessage.newBuilder(TYPE_META)
        .setField(field(TYPE_META, "apiVersion"), apiVersion).setField(field(TYPE_META, "kind"), kind).build();
    byte[] unknown = DynamicMessage.newBuilder(UNKNOWN).setField(field(UNKNOWN, "typeMeta"), typeMeta)
        .setField(field(UNKNOWN, "raw"), raw).setField(field(UNKNOWN, "contentEncoding"), contentEncoding)
        .setField(field(UNKNOWN, "contentType"), contentType).build().toByteArray();
    byte[] out = new byte[MAGIC.length + unknown.length];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    System.arraycopy(unknown, 0, out, MAGIC.length, unknown.length);
    return out;
  }

  private static FieldDescriptor field(Descriptor type, String name) {
    return type.findFieldByName(name);
  }
}
