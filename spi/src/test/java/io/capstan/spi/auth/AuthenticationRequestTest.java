package io.capstan.spi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticationRequestTest {

  private static AuthenticationRequest withAuth(String value) {
    return AuthenticationRequest.ofHeaders(Map.of("authorization", List.of(value)));
  }

  @Test
  void headersAreCaseInsensitive() {
    AuthenticationRequest r = AuthenticationRequest.ofHeaders(Map.of("X-Remote-User", List.of("a", "b")));
    assertThat(r.header("x-remote-user")).contains("a");
    assertThat(r.header("missing")).isEmpty();
  }

  @Test
  void bearerTokenIsParsed() {
    assertThat(withAuth("Bearer abc.def").bearerToken()).contains("abc.def");
    assertThat(withAuth("bearer   tok  ").bearerToken()).contains("tok");
  }

  @Test
  void otherSchemesAndBlankTokensGiveNothing() {
    assertThat(withAuth("Basic dXNlcjpwYXNz").bearerToken()).isEmpty();
    assertThat(withAuth("Bearer ").bearerToken()).isEmpty();
    assertThat(withAuth("Bearertok").bearerToken()).isEmpty();
    assertThat(AuthenticationRequest.ofHeaders(Map.of()).bearerToken()).isEmpty();
  }

  @Test
  void resultsAreConsistent() {
    assertThat(AuthenticationResult.authenticated(UserInfo.of("a")).user()).isPresent();
    assertThat(AuthenticationResult.notApplicable().user()).isEmpty();
    assertThat(AuthenticationResult.rejected("token expired").reason()).isEqualTo("token expired");
    assertThatThrownBy(() -> AuthenticationResult.rejected("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuthenticationResult(AuthenticationResult.Outcome.REJECTED,
        Optional.of(UserInfo.of("a")), "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
