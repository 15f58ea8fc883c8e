package io.capstan.runtime.apiserver.protobuf;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.capstan.runtime.apiserver.protobuf.ProtobufCodecException.Reason;

/**
 * Kubernetes' protobuf wire format ({@value #MEDIA_TYPE}) for request and response bodies, as
 * {@code k8s.io/apimachinery/pkg/runtime/serializer/protobuf} writes it: the 4-byte magic
 * {@code k8s\0}, then a {@code runtime.Unknown} whose {@code typeMeta} names apiVersion and kind and
 * whose {@code raw} holds the object in Kubernetes' own messages. The schema is that of the
 * maintained generated classes of {@code io.kubernetes:client-java-proto}; the bytes are read by
 * protobuf-java's {@code DynamicMessage} (see {@link Envelope} for why not by the generated
 * parsers), never by hand-written parsing.
 *
 * <p>kubectl 1.32 sends such bodies, with no fallback to JSON, for {@code create namespace |
 * configmap | deployment | job | cronjob | secret | service | role | rolebinding | quota | ...} and
 * {@code auth whoami}. {@link #decode} turns them into the JSON the same command would have sent
 * as {@code application/json}, so the API server handles one shape; {@link #encode} does the
 * reverse for clients that ask for protobuf responses. Single objects only: the watch stream's
 * length-prefixed frames ({@code ;stream=watch}) are not handled here. Stateless; thread-safe.
 */
public final class KubeProtobuf {

  /** The media type of Kubernetes protobuf bodies. */
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  /** kube-apiserver's message for a 415 answer, word for word, as clients print it. */
  public static final String UNKNOWN_FORMAT_MESSAGE = "the body of the request was in an unknown format - "
      + "accepted media types include: application/json, application/yaml, " + MEDIA_TYPE;

  /** How deep envelopes may nest inside {@code RawExtension}s. */
  static final int MAX_NESTED_ENVELOPES = 3;

  private KubeProtobuf() {}

  /** True when {@code body} starts with the {@code k8s\0} magic of a protobuf body. */
  public static boolean hasMagic(byte[] body) {
    return Envelope.hasMagic(requireNonNull(body, "body"));
  }

  /** True when this codec has a message for {@code apiVersion} and {@code kind} ({@code "apps/v1", "Deployment"}). */
  public static boolean supports(String apiVersion, String kind) {
    return ProtobufKinds.lookup(apiVersion, kind).isPresent();
  }

  /**
   * Decodes a protobuf body to Kubernetes JSON.
   *
   * @throws ProtobufCodecException {@link Reason#UNKNOWN_FORMAT} when the body is no envelope (or a
   *     compressed one), {@link Reason#UNSUPPORTED_KIND} naming the kind when there is no message
   *     for it, {@link Reason#MALFORMED_OBJECT} when the object's bytes do not parse
   */
  public static DecodedObject decode(byte[] body) {
    return decode(body, 0);
  }

  /**
   * Decodes {@code body}, an envelope nested {@code depth} deep in another one's
   * {@code RawExtension}; the limit keeps a crafted body from recursing until the stack overflows.
   */
  static DecodedObject decode(byte[] body, int depth) {
    requireNonNull(body, "body");
    if (depth > MAX_NESTED_ENVELOPES) {
      throw new ProtobufCodecException(Reason.MALFORMED_OBJECT, "protobuf envelopes nested more than "
          + MAX_NESTED_ENVELOPES + " deep; Kubernetes nests at most one (a watch event's object)");
    }
    if (!Envelope.hasMagic(body)) {
      throw new ProtobufCodecException(Reason.UNKNOWN_FORMAT,
          UNKNOWN_FORMAT_MESSAGE + " (the body does not start with the protobuf magic k8s\\0)");
    }
    Envelope envelope;
    try {
      envelope = Envelope.parse(body);
    } catch (InvalidProtocolBufferException e) {
      throw new ProtobufCodecException(Reason.UNKNOWN_FORMAT,
          UNKNOWN_FORMAT_MESSAGE + " (the protobuf envelope does not parse: " + e.getMessage() + ")", e);
    }
    if (!envelope.contentEncoding().isEmpty()) {
      throw new ProtobufCodecException(Reason.UNKNOWN_FORMAT, UNKNOWN_FORMAT_MESSAGE
          + " (content encoding '" + envelope.contentEncoding() + "' inside the protobuf envelope)");
    }
    if (!envelope.contentType().isEmpty() && !envelope.contentType().equals(MEDIA_TYPE)) {
      throw new ProtobufCodecException(Reason.UNKNOWN_FORMAT,
          UNKNOWN_FORMAT_MESSAGE + " (content type '" + envelope.contentType() + "' inside the protobuf envelope)");
    }
    String apiVersion = envelope.apiVersion();
    String kind = envelope.kind();
    ProtobufKinds.Entry entry = ProtobufKinds.lookup(apiVersion, kind).orElseThrow(() -> unsupported(apiVersion, kind));
    Message object;
    try {
      object = DynamicMessage.parseFrom(entry.type(), envelope.raw());
    } catch (InvalidProtocolBufferException e) {
      throw new ProtobufCodecException(Reason.MALFORMED_OBJECT,
          "the protobuf body of kind " + kind + " (" + apiVersion + ") does not parse: " + e.getMessage(), e);
    }
    ProtoToJson.Result result = ProtoToJson.convert(object, depth);
    // Go's JSON writes TypeMeta first: kind, then apiVersion
    ObjectNode json = result.json().objectNode().put("kind", kind).put("apiVersion", apiVersion);
    json.setAll(result.json());
    return new DecodedObject(apiVersion, kind, json, result.unknownFields());
  }

  /**
   * Encodes {@code json}, a Kubernetes object with {@code apiVersion} and {@code kind} set, as a
   * protobuf body.
   *
   * @throws ProtobufCodecException {@link Reason#UNSUPPORTED_KIND} when there is no message for the
   *     kind (answer in JSON instead), {@link Reason#UNENCODABLE_OBJECT} naming the field path when a
   *     value has the wrong JSON type
   */
  public static byte[] encode(JsonNode json) {
    requireNonNull(json, "json");
    String apiVersion = json.path("apiVersion").asText("");
    String kind = json.path("kind").asText("");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      throw new ProtobufCodecException(Reason.UNENCODABLE_OBJECT, "an object needs apiVersion and kind to be "
          + "encoded as protobuf; this one has apiVersion '" + apiVersion + "' and kind '" + kind + "'");
    }
    return encode(json, apiVersion, kind);
  }

  /**
   * Encodes {@code json} as a protobuf body of {@code apiVersion} and {@code kind}; the object's
   * own {@code apiVersion} and {@code kind} properties, if any, are not read. Properties the schema
   * does not know are left out, as a Go client would drop them.
   *
   * @throws ProtobufCodecException as {@link #encode(JsonNode)}
   */
  public static byte[] encode(JsonNode json, String apiVersion, String kind) {
    requireNonNull(json, "json");
    ProtobufKinds.Entry entry = ProtobufKinds.lookup(apiVersion, kind).orElseThrow(() -> unsupported(apiVersion, kind));
    Message object = JsonToProto.convert(json, entry.type());
    // Go writes the two empty strings too; doing the same keeps captured and encoded bodies comparable
    return new Envelope(apiVersion, kind, object.toByteString(), "", "").toBytes();
  }

  private static ProtobufCodecException unsupported(String apiVersion, String kind) {
    String what = (kind.isEmpty() ? "an object without a kind" : "kind " + kind) + " of "
        + (apiVersion.isEmpty() ? "no apiVersion" : apiVersion);
    return new ProtobufCodecException(Reason.UNSUPPORTED_KIND,
        UNKNOWN_FORMAT_MESSAGE + " (no protobuf schema here for " + what + "; send it as application/json)");
  }
}
