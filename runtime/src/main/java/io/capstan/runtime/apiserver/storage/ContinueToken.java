package io.capstan.runtime.apiserver.storage;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code continue} token of a paged list, as Kubernetes builds it: the snapshot revision and
 * the key to start after, so every page reads the same snapshot. Opaque to clients (base64 of a
 * small JSON document).
 *
 * @param revision the snapshot's store revision
 * @param lastKey the full store key of the last object returned; the next page starts after it
 */
public record ContinueToken(long revision, String lastKey) {

  public String encode() {
    String json = "{\"v\":\"meta.k8s.io/v1\",\"rv\":" + revision + ",\"start\":\"" + escape(lastKey) + "\"}";
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a token; a malformed one is a 400 BadRequest, as in Kubernetes. */
  public static ContinueToken decode(String token, String kindPrefix) {
    try {
      String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      var node = io.capstan.spi.api.KubeJson.mapper().readTree(json);
      long revision = node.path("rv").asLong(-1);
      String start = node.path("start").asText("");
      if (revision <= 0 || !start.startsWith(kindPrefix)) {
        throw new IllegalArgumentException("bad fields");
      }
      return new ContinueToken(revision, start);
    } catch (Exception e) {
      throw ApiErrors.badRequest("continue key is not valid: " + e.getMessage());
    }
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
