package io.capstan.spi.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ContainerValuesTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private static ContainerStatus status(String id, String sandbox, ContainerState state,
      Map<String, String> labels) {
    Optional<Instant> started = state == ContainerState.CREATED ? Optional.empty() : Optional.of(T0.plusSeconds(1));
    Optional<Instant> finished = state == ContainerState.EXITED ? Optional.of(T0.plusSeconds(5)) : Optional.empty();
    return new ContainerStatus(id, sandbox, "app", 0, "nginx", state, T0, started, finished, 0,
        state == ContainerState.EXITED ? "Completed" : "", "", labels);
  }

  @Test
  void filterMatchesEveryPresentCriterion() {
    ContainerStatus c = status("c1", "s1", ContainerState.RUNNING, Map.of("app", "web", "tier", "fe"));
    assertThat(ContainerFilter.ALL.matches(c)).isTrue();
    assertThat(ContainerFilter.inSandbox("s1").matches(c)).isTrue();
    assertThat(ContainerFilter.inSandbox("s2").matches(c)).isFalse();
    assertThat(new ContainerFilter(Optional.empty(), Optional.empty(), Optional.of(ContainerState.EXITED),
        Map.of()).matches(c)).isFalse();
    assertThat(new ContainerFilter(Optional.of("c1"), Optional.of("s1"), Optional.of(ContainerState.RUNNING),
        Map.of("app", "web")).matches(c)).isTrue();
    assertThat(new ContainerFilter(Optional.empty(), Optional.empty(), Optional.empty(),
        Map.of("app", "db")).matches(c)).isFalse();
  }

  @Test
  void statusTimesMustFitTheState() {
    assertThatThrownBy(() -> new ContainerStatus("c", "s", "a", 0, "i", ContainerState.RUNNING, T0,
        Optional.empty(), Optional.empty(), 0, "", "", Map.of())).hasMessageContaining("startedAt");
    assertThatThrownBy(() -> new ContainerStatus("c", "s", "a", 0, "i", ContainerState.EXITED, T0,
        Optional.of(T0), Optional.empty(), 1, "Error", "", Map.of())).hasMessageContaining("finishedAt");
    assertThatThrownBy(() -> new ContainerStatus("c", "s", "a", 0, "i", ContainerState.RUNNING, T0,
        Optional.of(T0), Optional.empty(), 137, "", "", Map.of())).hasMessageContaining("exit code");
    assertThatThrownBy(() -> new ContainerStatus("c", "s", "a", 0, "i", ContainerState.EXITED, T0,
        Optional.of(T0.plusSeconds(5)), Optional.of(T0.plusSeconds(1)), 0, "", "", Map.of()))
        .hasMessageContaining("before startedAt");
  }

  @Test
  void succeededMeansExitedWithZero() {
    assertThat(status("c", "s", ContainerState.EXITED, Map.of()).succeeded()).isTrue();
    assertThat(status("c", "s", ContainerState.RUNNING, Map.of()).succeeded()).isFalse();
  }

  @Test
  void logOptionsRejectImpossibleRequests() {
    assertThatThrownBy(() -> new LogOptions(OptionalInt.of(-1), Optional.empty(), false, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogOptions(OptionalInt.empty(), Optional.empty(), true, true))
        .hasMessageContaining("previous");
    assertThat(LogOptions.ALL.follow()).isFalse();
  }

  @Test
  void capabilitiesAndVersion() {
    assertThatThrownBy(() -> new RuntimeCapabilities(false, true, false, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new RuntimeVersion("simulated", "0.1.0")).hasToString("simulated://0.1.0");
  }
}
