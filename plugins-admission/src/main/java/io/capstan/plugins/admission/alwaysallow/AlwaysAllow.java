package io.capstan.plugins.admission.alwaysallow;

import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.AuthorizationDecision;
import io.capstan.spi.auth.Authorizer;

/**
 * Kubernetes' {@code AlwaysAllow} authorization mode: every request of every user is allowed. For
 * experiments and single-user setups only; placed before {@code RBAC} in the chain it makes RBAC
 * moot.
 */
public final class AlwaysAllow implements Authorizer {

  public static final String NAME = "AlwaysAllow";

  private static final AuthorizationDecision ALLOW = AuthorizationDecision.allow("AlwaysAllow");

  @Override
  public AuthorizationDecision authorize(AuthorizationAttributes attributes) {
    return ALLOW;
  }
}
