package io.capstan.plugins.admission.serviceaccount;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.auth.AuthenticationRequest;
import io.capstan.spi.auth.AuthenticationResult;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.ClusterTrust;
import io.capstan.spi.auth.UserInfo;
import io.capstan.plugins.admission.informed.InformedReads;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.plugin.Lifecycle;
import io.capstan.spi.clock.Clock;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes' service-account token authenticator for bound tokens (what the TokenRequest
 * subresource, {@code kubectl create token NAME}, issues): an RS256 JWT from this cluster's issuer,
 * signed by its service-account key, within its validity, for the API's audience, and naming a
 * ServiceAccount that still exists with the same uid. The user is
 * {@code system:serviceaccount:NS:NAME} in {@code system:serviceaccounts} and
 * {@code system:serviceaccounts:NS}. A token from another issuer, or not a JWT, is not this
 * authenticator's.
 *
 * <p>The ServiceAccount is looked up on each request, so a token dies with its account: from the API
 * server's shared informer when it holds the account (a deletion is seen within the informer's
 * delivery delay, milliseconds), else live through the client ({@link InformedReads}).
 *
 * <p>A token whose signature verified is remembered (bounded, by its exact text), so a client's
 * later requests skip the JSON decoding and the RSA verification — Kubernetes' cached token
 * authenticator does the same, but caches the whole answer for 10 s; here only the signature is
 * remembered and everything that can change (expiry by the clock, the account and its uid) is
 * checked on every request, so a deleted account's token dies at once.
 */
public final class ServiceAccountAuthenticator implements Authenticator, Lifecycle {

  private static final int CACHE_LIMIT = 4096;

  private final ClusterTrust trust;
  private final Clock clock;
  private final InformedReads<ServiceAccount> accounts;
  private final Optional<Provider<InformerFactory>> informers;
  private final Map<String, ServiceAccountTokenClaims> verified = new ConcurrentHashMap<>();

  /** The client arrives through a provider: the API server that runs this plugin also provides the client. */
  @Inject
  public ServiceAccountAuthenticator(ClusterTrust trust, Clock clock, Provider<ApiClient> client, Provider<InformerFactory> informers) {
    this(trust, clock, client, Optional.of(informers));
  }

  /** Reading accounts live on every request, without an informer. */
  public ServiceAccountAuthenticator(ClusterTrust trust, Clock clock, Provider<ApiClient> client) {
    this(trust, clock, client, Optional.empty());
  }

  private ServiceAccountAuthenticator(ClusterTrust trust, Clock clock, Provider<ApiClient> client,
      Optional<Provider<InformerFactory>> informers) {
    this.trust = requireNonNull(trust, "trust");
    this.clock = requireNonNull(clock, "clock");
    this.accounts = new InformedReads<>(ServiceAccount.class, client);
    this.informers = informers;
  }

  @Override
  public void start() {
    informers.ifPresent(factory -> accounts.attach(factory.get())); // the host starts the informers
  }

  @Override
  public void close() {
    // the informers are the host's
  }

  @Override
  public AuthenticationResult authenticate(AuthenticationRequest request) {
    Optional<String> bearer = request.bearerToken();
    if (bearer.isEmpty() || trust.serviceAccountKeys().isEmpty()) {
      return AuthenticationResult.notApplicable();
    }
    ServiceAccountTokenClaims token = verified.get(bearer.get());
    if (token == null) {
      Optional<ServiceAccountTokenClaims> parsed = ServiceAccountTokenClaims.parse(bearer.get());
      if (parsed.isEmpty() || !parsed.get().claim("iss").equals(trust.serviceAccountIssuer())) {
        return AuthenticationResult.notApplicable();
      }
      token = parsed.get();
      if (!token.verifiedBy(trust.serviceAccountKeys())) {
        return AuthenticationResult.rejected("service-account token: invalid signature");
      }
      remember(bearer.get(), token);
    }
    long now = clock.now().getEpochSecond();
    if (token.epochClaim("exp") == 0 || now >= token.epochClaim("exp")) {
      return AuthenticationResult.rejected("service-account token: expired");
    }
    if (token.epochClaim("nbf") != 0 && now < token.epochClaim("nbf")) {
      return AuthenticationResult.rejected("service-account token: not valid yet");
    }
    if (!token.hasAudience(trust.serviceAccountIssuer())) {
      return AuthenticationResult.rejected("service-account token: not meant for this API server (audience)");
    }
    JsonNode bound = token.claims().path("kubernetes.io");
    String namespace = bound.path("namespace").asText("");
    String name = bound.path("serviceaccount").path("name").asText("");
    String uid = bound.path("serviceaccount").path("uid").asText("");
    if (namespace.isEmpty() || name.isEmpty() || uid.isEmpty()
        || !token.claim("sub").equals("system:serviceaccount:" + namespace + ":" + name)) {
      return AuthenticationResult.rejected("service-account token: it names no service account");
    }
    Optional<ServiceAccount> account = accounts.get(namespace, name);
    if (account.isPresent() && !uid.equals(account.get().getMetadata().getUid())) {
      account = accounts.live(namespace, name); // the cache may still hold the account this one replaced
    }
    if (account.isEmpty()) {
      return AuthenticationResult.rejected("service-account token: service account " + namespace + "/" + name + " has been deleted");
    }
    if (!uid.equals(account.get().getMetadata().getUid())) {
      return AuthenticationResult.rejected("service-account token: service account " + namespace + "/" + name
          + " was deleted and created again (uid " + uid + " is gone)");
    }
    return AuthenticationResult.authenticated(new UserInfo(token.claim("sub"), uid,
        List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace),
        Map.of("authentication.kubernetes.io/credential-id", List.of("JTI=" + token.claim("jti")))));
  }

  /** Keeps at most {@link #CACHE_LIMIT} verified tokens; when full it starts again (expired ones go too). */
  private void remember(String bearer, ServiceAccountTokenClaims token) {
    if (verified.size() >= CACHE_LIMIT) {
      verified.clear();
    }
    verified.put(bearer, token);
  }

  /** How many verified tokens are remembered. */
  int rememberedTokens() {
    return verified.size();
  }
}
