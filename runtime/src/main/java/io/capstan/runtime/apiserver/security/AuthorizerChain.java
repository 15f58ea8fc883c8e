package io.capstan.runtime.apiserver.security;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.AuthorizationDecision;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.Decision;
import io.capstan.spi.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' union authorizer over the configured {@code apiserver.authorization} plugins, after
 * the privileged-group rule kube-apiserver always puts first ({@code system:masters} may do
 * anything). The first ALLOW or DENY wins; when all have no opinion the request is denied. An
 * exception is logged and counts as no opinion, its message kept for the 403.
 *
 * <p>With no authorizer configured every request is allowed: the behaviour before authorization
 * plugins existed. A deployment selects {@code RBAC} to lock the API down.
 */
public final class AuthorizerChain {

  private static final Logger log = LoggerFactory.getLogger(AuthorizerChain.class);

  private final List<Map.Entry<String, Authorizer>> authorizers;

  public AuthorizerChain(Map<String, Authorizer> byName) {
    this.authorizers = List.copyOf(requireNonNull(byName, "byName").entrySet());
  }

  public boolean isEmpty() {
    return authorizers.isEmpty();
  }

  public AuthorizationDecision authorize(AuthorizationAttributes attributes) {
    if (attributes.user().inGroup(UserInfo.GROUP_MASTERS)) {
      return AuthorizationDecision.allow("member of " + UserInfo.GROUP_MASTERS);
    }
    if (authorizers.isEmpty()) {
      return AuthorizationDecision.allow("no authorizer is configured (apiserver.authorization is empty)");
    }
    List<String> reasons = new ArrayList<>(0);
    for (Map.Entry<String, Authorizer> entry : authorizers) {
      AuthorizationDecision decision;
      try {
        decision = entry.getValue().authorize(attributes);
      } catch (RuntimeException e) {
        log.warn("authorizer {} failed on {}: {}", entry.getKey(), attributes.describeDenial(), e.toString());
        reasons.add(entry.getKey() + " failed: " + e.getMessage());
        continue;
      }
      if (decision.isFinal()) {
        return decision;
      }
      if (!decision.reason().isEmpty()) {
        reasons.add(decision.reason());
      }
    }
    return new AuthorizationDecision(Decision.NO_OPINION, String.join("; ", reasons));
  }
}
