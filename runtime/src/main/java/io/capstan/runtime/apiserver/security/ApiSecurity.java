package io.capstan.runtime.apiserver.security;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.spi.auth.AuthenticationRequest;
import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.AuthorizationDecision;
import io.capstan.spi.auth.Decision;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.ForbiddenException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps 1 and 2 of the request path: who is asking (the authenticator chain, then impersonation)
 * and may they (the authorizer chain). Failures are Kubernetes' own: 401 {@code Unauthorized},
 * 403 {@code Forbidden} with {@code pods is forbidden: User "bob" cannot list resource "pods" in
 * API group "" in the namespace "b"}.
 */
public final class ApiSecurity {

  private static final Logger log = LoggerFactory.getLogger(ApiSecurity.class);
  private static final UserInfo OPEN_USER = UserInfo.of("system:admin", UserInfo.GROUP_MASTERS, UserInfo.GROUP_AUTHENTICATED);

  private final Optional<AuthenticatorChain> authenticators;
  private final AuthorizerChain authorizers;
  private final Optional<ServiceAccountTokens> tokens;

  private ApiSecurity(Optional<AuthenticatorChain> authenticators, AuthorizerChain authorizers,
      Optional<ServiceAccountTokens> tokens) {
    this.authenticators = authenticators;
    this.authorizers = authorizers;
    this.tokens = tokens;
  }

  /** Authenticates with the chain and authorizes with the other. */
  public static ApiSecurity of(AuthenticatorChain authenticators, AuthorizerChain authorizers) {
    return new ApiSecurity(Optional.of(requireNonNull(authenticators, "authenticators")), requireNonNull(authorizers, "authorizers"),
        Optional.empty());
  }

  /** No security: every caller is the cluster admin. For embedded servers and tests on loopback only. */
  public static ApiSecurity open() {
    return new ApiSecurity(Optional.empty(), new AuthorizerChain(Map.of()), Optional.empty());
  }

  /** The same, issuing service-account tokens (the {@code serviceaccounts/token} subresource) with {@code signer}. */
  public ApiSecurity withTokens(ServiceAccountTokens signer) {
    return new ApiSecurity(authenticators, authorizers, Optional.of(requireNonNull(signer, "signer")));
  }

  /** The token signer, when this server issues service-account tokens. */
  public Optional<ServiceAccountTokens> tokens() {
    return tokens;
  }

  public boolean isOpen() {
    return authenticators.isEmpty();
  }

  /** Who sends the request, impersonation applied; 401, 400 or 403 when that cannot be settled. */
  public UserInfo authenticate(AuthenticationRequest request) {
    if (authenticators.isEmpty()) {
      return OPEN_USER;
    }
    AuthenticatorChain.Outcome outcome = authenticators.get().authenticate(request);
    if (outcome.user().isEmpty()) {
      if (log.isDebugEnabled()) {
        log.debug("unauthorized request from {}: {}", request.remoteAddress(), outcome.reasons());
      }
      throw unauthorized();
    }
    UserInfo user = outcome.user().get();
    Optional<Impersonation.Plan> plan = Impersonation.plan(user, request);
    if (plan.isEmpty()) {
      return user;
    }
    for (AuthorizationAttributes check : plan.get().checks()) {
      AuthorizationDecision decision = authorizers.authorize(check);
      if (decision.decision() != Decision.ALLOW) {
        throw forbidden(check, decision.reason());
      }
    }
    return plan.get().user();
  }

  /** The chain's decision, for access reviews. */
  public AuthorizationDecision decide(AuthorizationAttributes attributes) {
    return authorizers.authorize(attributes);
  }

  /** Throws 403 unless the chain allows. */
  public void authorize(AuthorizationAttributes attributes) {
    AuthorizationDecision decision = authorizers.authorize(attributes);
    if (decision.decision() != Decision.ALLOW) {
      throw forbidden(attributes, decision.reason());
    }
  }

  public static ApiException unauthorized() {
    return new ApiException(ApiErrors.status(401, "Unauthorized", "Unauthorized", null));
  }

  /** Kubernetes' 403 for a denied request, with the authorizer's reason after the description when it gave one. */
  public static ForbiddenException forbidden(AuthorizationAttributes attributes, String reason) {
    String why = attributes.describeDenial() + (reason.isEmpty() ? "" : ": " + reason);
    String message;
    Status status;
    if (!attributes.resourceRequest()) {
      message = "forbidden: " + why;
      status = ApiErrors.status(403, "Forbidden", message, null);
    } else {
      String qualified = attributes.apiGroup().isEmpty() ? attributes.resource() : attributes.resource() + "." + attributes.apiGroup();
      message = attributes.name().isEmpty() ? qualified + " is forbidden: " + why
          : qualified + " \"" + attributes.name() + "\" is forbidden: " + why;
      status = ApiErrors.status(403, "Forbidden", message, new StatusDetailsBuilder()
          .withName(attributes.name().isEmpty() ? null : attributes.name())
          .withGroup(attributes.apiGroup().isEmpty() ? null : attributes.apiGroup())
          .withKind(attributes.resource()).build());
    }
    return new ForbiddenException(status);
  }
}
