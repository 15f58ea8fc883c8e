package io.capstan.plugins.admission.tokenfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.auth.AuthenticationRequest;
import io.capstan.spi.auth.AuthenticationResult.Outcome;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.plugin.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileAuthenticatorTest {

  @TempDir Path dir;

  private TokenFileAuthenticator load(String text) throws Exception {
    Path file = Files.writeString(dir.resolve("tokens.csv"), text);
    return (TokenFileAuthenticator) com.google.inject.Guice.createInjector(
        new TokenFileAuthenticatorFactory().module(new TokenFileConfig(file.toString())))
        .getInstance(io.capstan.spi.auth.Authenticator.class);
  }

  private static AuthenticationRequest bearer(String token) {
    return AuthenticationRequest.ofHeaders(Map.of("Authorization", List.of("Bearer " + token)));
  }

  @Test
  void readsKubeApiserversCsvFormat() throws Exception {
    TokenFileAuthenticator tokens = load("""
        # comment
        t1,alice,u1,"devs,qa"
        t2,bob,u2

        t3, carol ,u3,ops
        """ + "\"t,4\",\"dave \"\"d\"\"\",u4,\"a, b\"\n");
    assertThat(tokens.size()).isEqualTo(4);
    assertThat(tokens.authenticate(bearer("t1")).user()).contains(new UserInfo("alice", "u1", List.of("devs", "qa"), Map.of()));
    assertThat(tokens.authenticate(bearer("t2")).user()).contains(new UserInfo("bob", "u2", List.of(), Map.of()));
    assertThat(tokens.authenticate(bearer("t3")).user()).contains(new UserInfo("carol", "u3", List.of("ops"), Map.of()));
    assertThat(tokens.authenticate(bearer("t,4")).user()).contains(new UserInfo("dave \"d\"", "u4", List.of("a", "b"), Map.of()));
  }

  @Test
  void unknownTokensAreRejectedAndRequestsWithoutOneAreNotItsConcern() throws Exception {
    TokenFileAuthenticator tokens = load("t1,alice,u1\n");
    assertThat(tokens.authenticate(bearer("nope")).outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(tokens.authenticate(AuthenticationRequest.ofHeaders(Map.of())).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
  }

  @Test
  void withoutAPathItAcceptsNothing() {
    TokenFileAuthenticator none = (TokenFileAuthenticator) com.google.inject.Guice.createInjector(
        new TokenFileAuthenticatorFactory().module(new TokenFileConfig(null))).getInstance(io.capstan.spi.auth.Authenticator.class);
    assertThat(none.authenticate(bearer("t1")).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
  }

  @Test
  void aBrokenFileStopsWiringWithTheLine() {
    assertThatThrownBy(() -> load("t1,alice,u1\nt2,bob\n")).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("tokens.csv:2").hasMessageContaining("token,user,uid");
    assertThatThrownBy(() -> load("t1,alice,u1\nt1,bob,u2\n")).hasMessageContaining(":2: this token is listed twice");
    assertThatThrownBy(() -> load("\"t1,alice,u1\n")).hasMessageContaining("not closed");
    assertThatThrownBy(() -> new TokenFileAuthenticatorFactory().module(new TokenFileConfig(dir.resolve("missing").toString())))
        .hasMessageContaining("cannot read the token file");
  }
}
