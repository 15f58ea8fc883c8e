package io.capstan.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class BenchPodsTest {

  private static Pod pod(String name, String node, String phase, boolean ready) {
    return new PodBuilder().withNewMetadata().withName(name).withUid("uid-" + name).addToLabels("app", "bench")
        .endMetadata().withNewSpec().withNodeName(node).endSpec().withNewStatus().withPhase(phase)
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus().build();
  }

  @Test
  void recordsWhenTheFirstHalfAndAllPodsReachEachPhase() {
    BenchPods pods = new BenchPods("bench", 2);
    pods.startPhase();
    pods.onAdd(pod("a", null, "Pending", false));
    assertThat(pods.milestones()).containsPattern("created \\d+\\.\\d\\d/\\d+\\.\\d\\d/- s").contains("bound -/-/- s");
    pods.onAdd(pod("b", null, "Pending", false));
    pods.onUpdate(pod("a", null, "Pending", false), pod("a", "n1", "Running", true));
    pods.onUpdate(pod("b", null, "Pending", false), pod("b", "n2", "Running", true));

    assertThat(pods.created()).isEqualTo(2);
    assertThat(pods.ready()).isEqualTo(2);
    for (String phase : new String[] {"created", "bound", "running", "ready"}) {
      assertThat(pods.milestones()).containsPattern(phase + " \\d+\\.\\d\\d/\\d+\\.\\d\\d/\\d+\\.\\d\\d s");
    }
  }

  @Test
  void otherAppsAndRepeatedEventsAreNotCounted() {
    BenchPods pods = new BenchPods("bench", 3);
    pods.startPhase();
    Pod other = new PodBuilder(pod("x", "n1", "Running", true)).editMetadata().addToLabels("app", "warmup").endMetadata()
        .build();
    pods.onAdd(other);
    pods.onAdd(pod("a", "n1", "Running", true));
    pods.onUpdate(pod("a", "n1", "Running", true), pod("a", "n1", "Running", true));

    assertThat(pods.created()).isEqualTo(1);
    assertThat(pods.ready()).isEqualTo(1);
    assertThat(pods.milestones()).containsPattern("created \\d+\\.\\d\\d/-/- s")
        .containsPattern("ready \\d+\\.\\d\\d/-/- s");
  }
}
