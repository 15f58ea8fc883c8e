package io.capstan.plugins.admission.tokenfile;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.auth.AuthenticationRequest;
import io.capstan.spi.auth.AuthenticationResult;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.UserInfo;
import java.util.Map;
import java.util.Optional;

/**
 * kube-apiserver's {@code --token-auth-file}: bearer tokens listed in a CSV file, read once when
 * the plugin is wired (a malformed file stops start-up with its line). Without a configured path
 * it accepts nothing and leaves every request to the next authenticator.
 */
public final class TokenFileAuthenticator implements Authenticator {

  private final Map<String, UserInfo> users;

  TokenFileAuthenticator(Map<String, UserInfo> users) {
    this.users = Map.copyOf(requireNonNull(users, "users"));
  }

  /** How many tokens the file lists. */
  int size() {
    return users.size();
  }

  @Override
  public AuthenticationResult authenticate(AuthenticationRequest request) {
    if (users.isEmpty()) {
      return AuthenticationResult.notApplicable();
    }
    Optional<String> token = request.bearerToken();
    if (token.isEmpty()) {
      return AuthenticationResult.notApplicable();
    }
    UserInfo user = users.get(token.get());
    return user == null ? AuthenticationResult.rejected("the bearer token is not in the token file")
        : AuthenticationResult.authenticated(user);
  }
}
