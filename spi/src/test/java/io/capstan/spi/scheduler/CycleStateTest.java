package io.capstan.spi.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycleStateTest {

  /** Mutable state, as preemption's PreFilterExtensions change it. */
  static final class Counts implements CycleState.StateData {
    final List<String> pods;

    Counts(List<String> pods) {
      this.pods = new ArrayList<>(pods);
    }

    @Override
    public Counts copy() {
      return new Counts(pods);
    }
  }

  record Other(int n) implements CycleState.StateData {
    @Override
    public Other copy() {
      return this;
    }
  }

  private static final CycleState.Key<Counts> COUNTS =
      CycleState.key("PreFilterPodTopologySpread", Counts.class);

  @Test
  void writeReadDelete() {
    CycleState state = new CycleState();
    assertThat(state.read(COUNTS)).isEmpty();
    Counts c = new Counts(List.of("a"));
    state.write(COUNTS, c);
    assertThat(state.read(COUNTS)).containsSame(c);
    state.delete(COUNTS);
    assertThat(state.read(COUNTS)).isEmpty();
  }

  @Test
  void copyIsolatesEntriesAndSkipSets() {
    CycleState original = new CycleState();
    original.write(COUNTS, new Counts(List.of("a")));
    original.skipFilterPlugins().add("NodePorts");

    CycleState copy = original.copy();
    copy.read(COUNTS).orElseThrow().pods.add("b");
    copy.write(CycleState.key("x", Other.class), new Other(1));
    copy.skipFilterPlugins().add("VolumeZone");
    copy.skipScorePlugins().add("ImageLocality");

    assertThat(original.read(COUNTS).orElseThrow().pods).containsExactly("a");
    assertThat(copy.read(COUNTS).orElseThrow().pods).containsExactly("a", "b");
    assertThat(original.read(CycleState.key("x", Other.class))).isEmpty();
    assertThat(original.skipFilterPlugins()).containsExactly("NodePorts");
    assertThat(original.skipScorePlugins()).isEmpty();
    assertThat(copy.skipFilterPlugins()).containsExactlyInAnyOrder("NodePorts", "VolumeZone");
  }

  @Test
  void keysAreIdentifiedByNameAndTypeChecked() {
    CycleState state = new CycleState();
    state.write(CycleState.key("k", Other.class), new Other(3));
    assertThat(state.read(CycleState.key("k", Other.class))).contains(new Other(3));
    assertThatThrownBy(() -> state.read(CycleState.key("k", Counts.class)))
        .isInstanceOf(ClassCastException.class);
    assertThat(CycleState.key("k", Other.class)).isEqualTo(CycleState.key("k", Counts.class));
  }
}
