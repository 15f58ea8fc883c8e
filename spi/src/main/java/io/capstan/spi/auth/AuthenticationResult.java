package io.capstan.spi.auth;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An authenticator's answer. Use the factories; never null.
 *
 * @param outcome which of the three answers this is
 * @param user the user, present exactly when {@code outcome} is AUTHENTICATED
 * @param reason why credentials were rejected (for the log and the 401 message, never the
 *     credentials themselves), {@code ""} otherwise
 */
public record AuthenticationResult(Outcome outcome, Optional<UserInfo> user, String reason) {

  /** The three answers an authenticator can give. */
  public enum Outcome {
    /** The credentials are valid: this is the user. The chain stops here. */
    AUTHENTICATED,
    /** The request carries no credentials this authenticator understands; ask the next one. */
    NOT_APPLICABLE,
    /**
     * The request carries credentials of this authenticator's kind that are invalid (unknown or
     * expired token). The chain still asks the next authenticators, as Kubernetes' union
     * authenticator does; the reason is reported if none accepts.
     */
    REJECTED
  }

  private static final AuthenticationResult NOT_APPLICABLE =
      new AuthenticationResult(Outcome.NOT_APPLICABLE, Optional.empty(), "");

  public AuthenticationResult {
    requireNonNull(outcome, "outcome");
    requireNonNull(user, "user");
    requireNonNull(reason, "reason");
    if (user.isPresent() != (outcome == Outcome.AUTHENTICATED)) {
      throw new IllegalArgumentException("a user must be present exactly when authenticated");
    }
    if (outcome == Outcome.REJECTED && reason.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs a reason");
    }
  }

  public static AuthenticationResult authenticated(UserInfo user) {
    return new AuthenticationResult(Outcome.AUTHENTICATED, Optional.of(requireNonNull(user, "user")),
        "");
  }

  public static AuthenticationResult notApplicable() {
    return NOT_APPLICABLE;
  }

  public static AuthenticationResult rejected(String reason) {
    return new AuthenticationResult(Outcome.REJECTED, Optional.empty(), reason);
  }
}
