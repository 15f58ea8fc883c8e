package io.capstan.plugins.admission.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KubeJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A compact JWS (RFC 7515) as service-account tokens carry it: {@code header.claims.signature},
 * each part base64url without padding, signed RS256. {@link #parse} only splits and decodes;
 * {@link #verifiedBy} checks the signature.
 *
 * @param header the decoded JOSE header
 * @param claims the decoded claims
 * @param signingInput the first two parts as sent, what the signature covers
 * @param signature the decoded signature
 */
record ServiceAccountTokenClaims(JsonNode header, JsonNode claims, String signingInput, byte[] signature) {

  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  /** The token's parts, or empty when it is not a JWS with JSON header and claims. */
  static Optional<ServiceAccountTokenClaims> parse(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0 || second <= first + 1 || token.indexOf('.', second + 1) >= 0) {
      return Optional.empty();
    }
    try {
      JsonNode header = KubeJson.mapper().readTree(B64.decode(token.substring(0, first)));
      JsonNode claims = KubeJson.mapper().readTree(B64.decode(token.substring(first + 1, second)));
      byte[] signature = B64.decode(token.substring(second + 1));
      if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
        return Optional.empty();
      }
      return Optional.of(new ServiceAccountTokenClaims(header, claims, token.substring(0, second), signature));
    } catch (IllegalArgumentException | IOException notAJwt) {
      return Optional.empty();
    }
  }

  /** True when the header says RS256 and one of {@code keys} verifies the signature. */
  boolean verifiedBy(List<PublicKey> keys) {
    if (!"RS256".equals(header.path("alg").asText())) {
      return false;
    }
    for (PublicKey key : keys) {
      try {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        if (rsa.verify(signature)) {
          return true;
        }
      } catch (GeneralSecurityException wrongKey) {
        // try the next key
      }
    }
    return false;
  }

  String claim(String name) {
    return claims.path(name).asText("");
  }

  long epochClaim(String name) {
    return claims.path(name).asLong(0);
  }

  boolean hasAudience(String audience) {
    JsonNode aud = claims.path("aud");
    if (aud.isTextual()) {
      return aud.asText().equals(audience);
    }
    for (JsonNode a : aud) {
      if (a.asText().equals(audience)) {
        return true;
      }
    }
    return false;
  }
}
