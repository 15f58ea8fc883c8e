package io.capstan.runtime.apiserver.security;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.auth.AuthenticationRequest;
import io.capstan.spi.auth.AuthenticationResult;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' union authenticator over the configured {@code apiserver.authentication} plugins:
 * asked in order, the first that authenticates wins; rejections and "not mine" pass on. An
 * exception counts as a rejection with its message and does not stop the chain.
 */
public final class AuthenticatorChain {

  private static final Logger log = LoggerFactory.getLogger(AuthenticatorChain.class);

  /** The answer of the chain: the user (with system:authenticated added) or why nobody accepted. */
  public record Outcome(Optional<UserInfo> user, List<String> reasons) {}

  private final List<Map.Entry<String, Authenticator>> authenticators;

  public AuthenticatorChain(Map<String, Authenticator> byName) {
    this.authenticators = List.copyOf(requireNonNull(byName, "byName").entrySet());
  }

  public boolean isEmpty() {
    return authenticators.isEmpty();
  }

  public Outcome authenticate(AuthenticationRequest request) {
    List<String> reasons = new ArrayList<>(0);
    for (Map.Entry<String, Authenticator> entry : authenticators) {
      AuthenticationResult result;
      try {
        result = entry.getValue().authenticate(request);
      } catch (RuntimeException e) {
        log.warn("authenticator {} failed: {}", entry.getKey(), e.toString());
        reasons.add(entry.getKey() + ": " + e.getMessage());
        continue;
      }
      switch (result.outcome()) {
        case AUTHENTICATED -> {
          return new Outcome(Optional.of(result.user().orElseThrow().withAuthenticatedGroup()), List.of());
        }
        case REJECTED -> reasons.add(entry.getKey() + ": " + result.reason());
        case NOT_APPLICABLE -> { }
      }
    }
    return new Outcome(Optional.empty(), reasons);
  }
}
