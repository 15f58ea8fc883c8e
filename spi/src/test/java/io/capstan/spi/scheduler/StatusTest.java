package io.capstan.spi.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTest {

  @Test
  void successIsSharedAndPlain() {
    assertThat(Status.success().isSuccess()).isTrue();
    assertThat(Status.success().reasons()).isEmpty();
    assertThat(Status.success().plugin()).isEmpty();
    assertThat(Status.success().isRejected()).isFalse();
  }

  @Test
  void predicatesFollowKubernetes() {
    assertThat(Status.unschedulable("x").isRejected()).isTrue();
    assertThat(Status.unschedulableAndUnresolvable("x").isRejected()).isTrue();
    assertThat(Status.pending("x").isRejected()).isTrue();
    assertThat(Status.error("x").isRejected()).isFalse();
    assertThat(Status.waiting().isWait()).isTrue();
    assertThat(Status.skip().isSkip()).isTrue();
    assertThat(Status.error("boom").isError()).isTrue();
  }

  @Test
  void errorKeepsCauseAndMessage() {
    IllegalStateException e = new IllegalStateException("cache out of sync");
    Status s = Status.error(e).withPlugin("NodeResourcesFit");
    assertThat(s.cause()).contains(e);
    assertThat(s.message()).isEqualTo("cache out of sync");
    assertThat(s.toString()).isEqualTo("ERROR from NodeResourcesFit: cache out of sync");
  }

  @Test
  void withReasonAppends() {
    Status s = Status.unschedulable("Insufficient cpu").withReason("Insufficient memory");
    assertThat(s.message()).isEqualTo("Insufficient cpu, Insufficient memory");
    assertThat(s.code()).isEqualTo(Status.Code.UNSCHEDULABLE);
  }

  @Test
  void mergeTakesHighestPrecedenceAndAllReasons() {
    Status merged = Status.merge(List.of(
        Status.unschedulable("Insufficient cpu").withPlugin("NodeResourcesFit"),
        Status.unschedulableAndUnresolvable("untolerated taint").withPlugin("TaintToleration"),
        Status.success()));
    assertThat(merged.code()).isEqualTo(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(merged.plugin()).contains("TaintToleration");
    assertThat(merged.reasons()).containsExactly("Insufficient cpu", "untolerated taint");
  }

  @Test
  void mergeErrorWinsAndKeepsCause() {
    RuntimeException boom = new RuntimeException("boom");
    Status merged = Status.merge(List.of(Status.unschedulableAndUnresolvable("a"),
        Status.error(boom).withPlugin("P"), Status.unschedulable("b")));
    assertThat(merged.isError()).isTrue();
    assertThat(merged.cause()).contains(boom);
    assertThat(merged.plugin()).contains("P");
  }

  @Test
  void mergeOfSkipWaitPendingKeepsFirstAndBeatsSuccess() {
    Status merged = Status.merge(List.of(Status.success(), Status.skip().withPlugin("A"),
        Status.waiting().withPlugin("B")));
    assertThat(merged.code()).isEqualTo(Status.Code.SKIP);
    assertThat(merged.plugin()).contains("A");
    assertThat(Status.merge(List.of()).isSuccess()).isTrue();
  }

  @Test
  void neverHoldsNulls() {
    assertThatThrownBy(() -> Status.success().withPlugin(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Status.of(null)).isInstanceOf(NullPointerException.class);
  }
}
