package io.capstan.runtime.apiserver.security;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.spi.api.KubeJson;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Signs service-account tokens as kube-apiserver's TokenRequest does: an RS256 JWT whose claims
 * bind it to the ServiceAccount's namespace, name and uid ({@code kubernetes.io.serviceaccount}),
 * with {@code sub = system:serviceaccount:NS:NAME}, the requested audiences (default: the issuer)
 * and an expiry of {@code spec.expirationSeconds} (default 3600, at least 600).
 */
public final class ServiceAccountTokens {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  static final long DEFAULT_EXPIRATION_SECONDS = 3600;
  static final long MIN_EXPIRATION_SECONDS = 600;
  private static final long MAX_EXPIRATION_SECONDS = 60L * 60 * 24 * 365;

  private final KeyPair keys;
  private final String issuer;
  private final String keyId;

  public ServiceAccountTokens(KeyPair keys, String issuer) {
    this.keys = requireNonNull(keys, "keys");
    this.issuer = requireNonNull(issuer, "issuer");
    this.keyId = keyId(keys);
  }

  public String issuer() {
    return issuer;
  }

  /** Answers a TokenRequest body for {@code account}: the request with its {@code status.token} and expiry filled in. */
  public ObjectNode tokenRequest(ServiceAccount account, JsonNode body, Instant now) {
    ObjectNode request = body.isObject() ? ((ObjectNode) body).deepCopy() : KubeJson.mapper().createObjectNode();
    request.put("apiVersion", "authentication.k8s.io/v1");
    request.put("kind", "TokenRequest");
    ObjectNode metadata = request.with("metadata");
    metadata.put("name", account.getMetadata().getName());
    metadata.put("namespace", account.getMetadata().getNamespace());
    metadata.putNull("creationTimestamp");
    ObjectNode spec = request.with("spec");
    long seconds = spec.path("expirationSeconds").asLong(DEFAULT_EXPIRATION_SECONDS);
    if (seconds < MIN_EXPIRATION_SECONDS || seconds > MAX_EXPIRATION_SECONDS) {
      throw ApiErrors.badRequest("TokenRequest.authentication.k8s.io \"" + account.getMetadata().getName()
          + "\" is invalid: spec.expirationSeconds: Invalid value: " + seconds + ": may not specify a duration less than "
          + MIN_EXPIRATION_SECONDS + " seconds or longer than " + MAX_EXPIRATION_SECONDS + " seconds");
    }
    List<String> audiences = new java.util.ArrayList<>();
    spec.path("audiences").forEach(a -> audiences.add(a.asText()));
    if (audiences.isEmpty()) {
      audiences.add(issuer);
      spec.putArray("audiences").add(issuer);
    }
    spec.put("expirationSeconds", seconds);
    Instant issued = now.truncatedTo(ChronoUnit.SECONDS);
    Instant expires = issued.plusSeconds(seconds);
    ObjectNode status = request.putObject("status");
    status.put("token", sign(account, audiences, issued, expires));
    status.put("expirationTimestamp", expires.toString());
    return request;
  }

  String sign(ServiceAccount account, List<String> audiences, Instant issued, Instant expires) {
    ObjectNode header = KubeJson.mapper().createObjectNode().put("alg", "RS256").put("kid", keyId);
    ObjectNode claims = KubeJson.mapper().createObjectNode();
    audiences.forEach(claims.putArray("aud")::add);
    claims.put("exp", expires.getEpochSecond());
    claims.put("iat", issued.getEpochSecond());
    claims.put("iss", issuer);
    claims.put("jti", UUID.randomUUID().toString());
    ObjectNode k8s = claims.putObject("kubernetes.io");
    k8s.put("namespace", account.getMetadata().getNamespace());
    k8s.putObject("serviceaccount").put("name", account.getMetadata().getName()).put("uid", account.getMetadata().getUid());
    claims.put("nbf", issued.getEpochSecond());
    claims.put("sub", "system:serviceaccount:" + account.getMetadata().getNamespace() + ":" + account.getMetadata().getName());
    try {
      String signingInput = B64.encodeToString(KubeJson.mapper().writeValueAsBytes(header)) + "."
          + B64.encodeToString(KubeJson.mapper().writeValueAsBytes(claims));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(keys.getPrivate());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(rsa.sign());
    } catch (java.io.IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a service-account token: " + e, e);
    }
  }

  private static String keyId(KeyPair keys) {
    try {
      return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
