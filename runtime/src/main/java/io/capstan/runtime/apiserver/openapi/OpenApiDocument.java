package io.capstan.runtime.apiserver.openapi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KubeJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One OpenAPI v3 document of the {@code /openapi/v3} index ({@code apis/apps/v1}), with its bytes
 * and the hash in its {@code serverRelativeURL}. Serve {@link #bytes()} with
 * {@code Content-Type: application/json}. The hash is Kubernetes' (kube-openapi handler3): the
 * upper-case hex SHA-512 of the bytes, so it changes exactly when the document does and kubectl's
 * HTTP cache, keyed by the full URL, never serves a stale schema. When a request carries
 * {@code ?hash=} equal to {@link #hash()}, Kubernetes answers with {@code Cache-Control: public,
 * immutable} and an {@code Expires} a year ahead; when it carries another hash, a 301 redirect to
 * {@link #serverRelativeUrl()}. Immutable.
 */
public final class OpenApiDocument {

  private final String path;
  private final JsonNode json;
  private final byte[] bytes;
  private final String hash;

  OpenApiDocument(String path, JsonNode json) {
    this.path = requireNonNull(path, "path");
    this.json = requireNonNull(json, "json").deepCopy();
    try {
      this.bytes = KubeJson.mapper().writeValueAsBytes(this.json);
      this.hash = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot serialize the OpenAPI document " + path, e);
    }
  }

  /** The index key: {@code api/v1}, {@code apis/apps/v1}. */
  public String path() {
    return path;
  }

  /** A copy of the document. */
  public JsonNode json() {
    return json.deepCopy();
  }

  /** A copy of the serialized document, the bytes {@link #hash()} is computed over. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Upper-case hex SHA-512 of {@link #bytes()}. */
  public String hash() {
    return hash;
  }

  /** {@code /openapi/v3/<path>?hash=<hash>}, as the index lists it. */
  public String serverRelativeUrl() {
    return "/openapi/v3/" + path + "?hash=" + hash;
  }

  @Override
  public String toString() {
    return "OpenApiDocument[" + path + ", " + bytes.length + " bytes, " + new String(bytes, 0,
        Math.min(bytes.length, 40), StandardCharsets.UTF_8) + "...]";
  }
}
