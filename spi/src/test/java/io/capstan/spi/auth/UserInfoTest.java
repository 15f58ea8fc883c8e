package io.capstan.spi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserInfoTest {

  @Test
  void authenticatedGroupIsAddedOnce() {
    UserInfo alice = UserInfo.of("alice", "dev");
    UserInfo passedOn = alice.withAuthenticatedGroup();
    assertThat(passedOn.groups()).containsExactly("dev", UserInfo.GROUP_AUTHENTICATED);
    assertThat(passedOn.withAuthenticatedGroup()).isEqualTo(passedOn);
  }

  @Test
  void anonymousIsNotAuthenticated() {
    UserInfo anon = UserInfo.anonymous();
    assertThat(anon.isAnonymous()).isTrue();
    assertThat(anon.groups()).containsExactly(UserInfo.GROUP_UNAUTHENTICATED);
    assertThat(anon.withAuthenticatedGroup().inGroup(UserInfo.GROUP_AUTHENTICATED)).isFalse();
  }

  @Test
  void valuesAreDefensivelyCopied() {
    List<String> groups = new ArrayList<>(List.of("a"));
    List<String> scopes = new ArrayList<>(List.of("read"));
    Map<String, List<String>> extra = new HashMap<>(Map.of("scopes", scopes));
    UserInfo u = new UserInfo("bob", "u1", groups, extra);
    groups.add("b");
    scopes.add("write");
    assertThat(u.groups()).containsExactly("a");
    assertThat(u.extra().get("scopes")).containsExactly("read");
  }

  @Test
  void invalidUsersAreRejected() {
    assertThatThrownBy(() -> UserInfo.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UserInfo.of("x", "g", "g"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
  }
}
