package io.capstan.spi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthorizationAttributesTest {

  private final UserInfo bob = UserInfo.of("bob");

  @Test
  void describesResourceDenialsLikeKubernetes() {
    var a = AuthorizationAttributes.resource(bob, Verbs.CREATE, "prod", "", "v1", "pods", "binding", "p");
    assertThat(a.describeDenial())
        .isEqualTo("User \"bob\" cannot create resource \"pods/binding\" in API group \"\" in the namespace \"prod\"");
    var c = AuthorizationAttributes.resource(bob, Verbs.LIST, "", "", "v1", "nodes", "", "");
    assertThat(c.describeDenial()).endsWith("at the cluster scope");
  }

  @Test
  void describesNonResourceDenials() {
    var a = AuthorizationAttributes.nonResource(bob, "get", "/healthz");
    assertThat(a.resourceRequest()).isFalse();
    assertThat(a.describeDenial()).isEqualTo("User \"bob\" cannot get path \"/healthz\"");
  }

  @Test
  void inconsistentAttributesAreRejected() {
    assertThatThrownBy(() -> AuthorizationAttributes.nonResource(bob, "get", "healthz"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuthorizationAttributes.resource(bob, "get", "", "", "v1", "", "", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuthorizationAttributes(bob, "get", "ns", "", "", "", "", "", false, "/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decisionsKnowWhetherTheyStopTheChain() {
    assertThat(AuthorizationDecision.allow("ok").isFinal()).isTrue();
    assertThat(AuthorizationDecision.deny("no").isFinal()).isTrue();
    assertThat(AuthorizationDecision.noOpinion().isFinal()).isFalse();
  }
}
