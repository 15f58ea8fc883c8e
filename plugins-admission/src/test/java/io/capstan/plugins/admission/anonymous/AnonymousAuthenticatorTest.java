package io.capstan.plugins.admission.anonymous;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.auth.AuthenticationRequest;
import io.capstan.spi.auth.AuthenticationResult.Outcome;
import io.capstan.spi.auth.UserInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnonymousAuthenticatorTest {

  @Test
  void requestsWithoutCredentialsAreAnonymousAndBadCredentialsAreNot() {
    AnonymousAuthenticator anonymous = new AnonymousAuthenticator();
    assertThat(anonymous.authenticate(AuthenticationRequest.ofHeaders(Map.of())).user()).contains(UserInfo.anonymous());
    assertThat(UserInfo.anonymous().groups()).containsExactly(UserInfo.GROUP_UNAUTHENTICATED);
    assertThat(anonymous.authenticate(AuthenticationRequest.ofHeaders(Map.of("Authorization", List.of("Bearer bad")))).outcome())
        .isEqualTo(Outcome.NOT_APPLICABLE);
  }
}
