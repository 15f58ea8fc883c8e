package io.capstan.spi.auth;

import static java.util.Objects.requireNonNull;

/**
 * An authorizer's answer: the verdict and a reason a user can act on (shown in the 403 message,
 * for instance {@code RBAC: no role binding grants "create" on "pods" in namespace "prod"}).
 */
public record AuthorizationDecision(Decision decision, String reason) {

  private static final AuthorizationDecision NO_OPINION =
      new AuthorizationDecision(Decision.NO_OPINION, "");

  public AuthorizationDecision {
    requireNonNull(decision, "decision");
    requireNonNull(reason, "reason");
  }

  public static AuthorizationDecision allow(String reason) {
    return new AuthorizationDecision(Decision.ALLOW, reason);
  }

  public static AuthorizationDecision deny(String reason) {
    return new AuthorizationDecision(Decision.DENY, reason);
  }

  public static AuthorizationDecision noOpinion() {
    return NO_OPINION;
  }

  /** True when the chain stops at this answer (ALLOW or DENY). */
  public boolean isFinal() {
    return decision != Decision.NO_OPINION;
  }
}
