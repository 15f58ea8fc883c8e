package io.capstan.runtime.apiserver.storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON an object is served as, made from its stored bytes without decoding the object.
 *
 * <p>A stored value is the object's JSON with no {@code metadata.resourceVersion} ({@link
 * ObjectCodec#encode}); what a client gets is the same JSON with resourceVersion set to the key's
 * modRevision. fabric8's {@code ObjectMeta} writes its properties in a fixed order (annotations ...
 * ownerReferences, then resourceVersion, selfLink, uid, then unknown fields), so inserting
 * {@code "resourceVersion":"N"} before the first field that follows it in that order gives the
 * bytes that decoding and encoding again would give, at the cost of scanning the metadata tokens.
 *
 * <p>Bytes of another shape (apiVersion or kind missing before metadata, which decoding would fill
 * in; a resourceVersion already present; not an object) are left to the caller to decode.
 */
final class ServedJson {

  /** ObjectMeta's properties that Jackson writes before resourceVersion ({@code @JsonPropertyOrder}). */
  private static final Set<String> BEFORE_RESOURCE_VERSION = Set.of("annotations", "creationTimestamp",
      "deletionGracePeriodSeconds", "deletionTimestamp", "finalizers", "generateName", "generation", "labels",
      "managedFields", "name", "namespace", "ownerReferences");

  private static final JsonFactory FACTORY = new JsonFactory();

  private ServedJson() {}

  /** {@code stored} with {@code "resourceVersion":"<revision>"} in its metadata, or empty when its shape is unexpected. */
  static Optional<byte[]> withResourceVersion(byte[] stored, long revision) {
    try (JsonParser parser = FACTORY.createParser(stored)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      boolean apiVersion = false;
      boolean kind = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "metadata" -> {
            return apiVersion && kind && value == JsonToken.START_OBJECT
                ? insertIntoMetadata(parser, stored, revision) : Optional.empty();
          }
          case "apiVersion" -> apiVersion = value == JsonToken.VALUE_STRING;
          case "kind" -> kind = value == JsonToken.VALUE_STRING;
          default -> parser.skipChildren();
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // not JSON we can scan: decoding reports what is wrong with it
    }
  }

  private static Optional<byte[]> insertIntoMetadata(JsonParser parser, byte[] stored, long revision) throws IOException {
    String field = "\"resourceVersion\":\"" + revision + "\"";
    long at = -1;
    String insert = "";
    boolean fieldsBefore = false;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      if (name.equals("resourceVersion")) {
        return Optional.empty();
      }
      if (at < 0 && !BEFORE_RESOURCE_VERSION.contains(name)) {
        at = parser.currentTokenLocation().getByteOffset();
        insert = field + ",";
      }
      fieldsBefore |= at < 0;
      parser.nextToken();
      parser.skipChildren();
    }
    if (token != JsonToken.END_OBJECT) {
      return Optional.empty();
    }
    if (at < 0) {
      at = parser.currentTokenLocation().getByteOffset();
      insert = fieldsBefore ? "," + field : field;
    }
    // the offset must be the opening quote of the next field name or the closing brace of metadata
    byte expected = insert.endsWith(",") ? (byte) '"' : (byte) '}';
    if (at <= 0 || at >= stored.length || stored[(int) at] != expected) {
      return Optional.empty();
    }
    byte[] extra = insert.getBytes(StandardCharsets.US_ASCII);
    byte[] served = new byte[stored.length + extra.length];
    System.arraycopy(stored, 0, served, 0, (int) at);
    System.arraycopy(extra, 0, served, (int) at, extra.length);
    System.arraycopy(stored, (int) at, served, (int) at + extra.length, stored.length - (int) at);
    return Optional.of(served);
  }
}
