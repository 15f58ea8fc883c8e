package io.capstan.spi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeleteOptionsTest {

  @Test
  void defaultsLeaveEverythingToTheServer() {
    assertThat(DeleteOptions.DEFAULTS.propagationPolicy()).isEmpty();
    assertThat(DeleteOptions.DEFAULTS.gracePeriodSeconds()).isEmpty();
    assertThat(DeleteOptions.DEFAULTS.preconditionUid()).isEmpty();
    assertThat(DeleteOptions.DEFAULTS.dryRun()).isFalse();
  }

  @Test
  void withersSetFields() {
    DeleteOptions o = DeleteOptions.DEFAULTS.withPropagationPolicy(PropagationPolicy.FOREGROUND)
        .withGracePeriodSeconds(0).withPreconditionUid("u1").withPreconditionResourceVersion("9")
        .withDryRun(true);
    assertThat(o.propagationPolicy()).contains(PropagationPolicy.FOREGROUND);
    assertThat(o.gracePeriodSeconds()).hasValue(0);
    assertThat(o.preconditionUid()).contains("u1");
    assertThat(o.preconditionResourceVersion()).contains("9");
    assertThat(o.dryRun()).isTrue();
    assertThat(PropagationPolicy.FOREGROUND.kubernetesName()).isEqualTo("Foreground");
  }

  @Test
  void negativeGracePeriodIsRejected() {
    assertThatThrownBy(() -> DeleteOptions.DEFAULTS.withGracePeriodSeconds(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gracePeriodSeconds");
  }
}
