package io.capstan.plugins.controllers.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Kubernetes' deletion order, each rule deciding between pods equal under the earlier ones. */
class PodRankingTest {

  private static PodBuilder pod(String name, String created) {
    return new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(created).endMetadata()
        .withNewSpec().endSpec().withNewStatus().withPhase("Pending").endStatus();
  }

  private static Pod running(String name, String node, boolean ready, String readySince, int restarts, String created) {
    return pod(name, created).editSpec().withNodeName(node).endSpec().editStatus().withPhase("Running")
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").withLastTransitionTime(readySince).endCondition()
        .addNewContainerStatus().withName("c").withRestartCount(restarts).endContainerStatus().endStatus().build();
  }

  @Test
  void ordersAsKubernetes() {
    Pod unassigned = pod("unassigned", "2026-01-01T00:00:00Z").build();
    Pod pending = pod("pending", "2026-01-01T00:00:00Z").editSpec().withNodeName("n1").endSpec().build();
    Pod unknown = pod("unknown", "2026-01-01T00:00:00Z").editSpec().withNodeName("n1").endSpec()
        .editStatus().withPhase("Unknown").endStatus().build();
    Pod notReady = running("not-ready", "n1", false, "2026-01-01T00:00:00Z", 0, "2026-01-01T00:00:00Z");
    Pod cheap = new PodBuilder(running("cheap", "n2", true, "2026-01-01T00:00:00Z", 0, "2026-01-01T00:00:00Z"))
        .editMetadata().addToAnnotations(PodRanking.DELETION_COST, "-10").endMetadata().build();
    Pod doubledUp = running("doubled-up", "n1", true, "2026-01-01T00:00:00Z", 0, "2026-01-01T00:00:00Z");
    Pod readyShort = running("ready-short", "n3", true, "2026-01-01T00:10:00Z", 0, "2026-01-01T00:00:00Z");
    Pod restarts = running("restarts", "n4", true, "2026-01-01T00:00:00Z", 5, "2026-01-01T00:00:00Z");
    Pod newer = running("newer", "n5", true, "2026-01-01T00:00:00Z", 0, "2026-01-01T00:05:00Z");
    Pod oldest = running("oldest", "n6", true, "2026-01-01T00:00:00Z", 0, "2026-01-01T00:00:00Z");
    List<Pod> expected = List.of(unassigned, pending, unknown, notReady, cheap, doubledUp, readyShort, restarts, newer, oldest);
    Map<String, Integer> perNode = Map.of("n1", 3, "n2", 1, "n3", 1, "n4", 1, "n5", 1, "n6", 1);
    for (long seed = 0; seed < 20; seed++) {
      List<Pod> shuffled = new ArrayList<>(expected);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(new PodRanking(perNode).first(shuffled, 4)).containsExactlyElementsOf(expected.subList(0, 4));
      shuffled.sort(new PodRanking(perNode));
      assertThat(shuffled).extracting(p -> p.getMetadata().getName())
          .containsExactlyElementsOf(expected.stream().map(p -> p.getMetadata().getName()).toList());
    }
  }
}
