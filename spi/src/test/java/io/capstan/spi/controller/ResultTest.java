package io.capstan.spi.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultTest {

  @Test
  void factoriesProduceTheMatchingAction() {
    assertThat(Result.done().action()).isEqualTo(Result.Action.DONE);
    assertThat(Result.done().isRequeue()).isFalse();
    assertThat(Result.requeue().action()).isEqualTo(Result.Action.REQUEUE_RATE_LIMITED);
    Result later = Result.requeueAfter(Duration.ofSeconds(30));
    assertThat(later.action()).isEqualTo(Result.Action.REQUEUE_AFTER);
    assertThat(later.delay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(later.isRequeue()).isTrue();
  }

  @Test
  void errorIsRateLimitedAndKeepsTheCause() {
    IllegalStateException boom = new IllegalStateException("boom");
    Result r = Result.error(boom);
    assertThat(r.action()).isEqualTo(Result.Action.REQUEUE_RATE_LIMITED);
    assertThat(r.error()).containsSame(boom);
  }

  @Test
  void negativeDelayIsRejected() {
    assertThatThrownBy(() -> Result.requeueAfter(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }

  @Test
  void inconsistentCombinationsAreRejected() {
    assertThatThrownBy(() -> new Result(Result.Action.DONE, Duration.ofSeconds(1), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Result(Result.Action.DONE, Duration.ZERO,
        Optional.of(new RuntimeException())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
