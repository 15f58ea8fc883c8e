package io.capstan.spi.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulerValuesTest {

  @Test
  void nodeScoreBounds() {
    assertThat(new NodeScore("n", 0).isInBounds()).isTrue();
    assertThat(new NodeScore("n", 100).isInBounds()).isTrue();
    assertThat(new NodeScore("n", 101).isInBounds()).isFalse();
    assertThat(new NodeScore("n", -1).isInBounds()).isFalse();
    assertThat(NodeScore.validateNormalized("P", List.of(new NodeScore("a", 50)))
        .isSuccess()).isTrue();
    Status bad = NodeScore.validateNormalized("TaintToleration",
        List.of(new NodeScore("a", 50), new NodeScore("b", 101)));
    assertThat(bad.isError()).isTrue();
    assertThat(bad.plugin()).contains("TaintToleration");
    assertThat(bad.message()).contains("invalid score 101", "node b");
  }

  @Test
  void preFilterResultMergeIntersects() {
    PreFilterResult all = PreFilterResult.allNodes();
    PreFilterResult ab = PreFilterResult.nodes(Set.of("a", "b"));
    PreFilterResult bc = PreFilterResult.nodes(Set.of("b", "c"));
    assertThat(all.mergeNodes(all).allNodesRemain()).isTrue();
    assertThat(all.mergeNodes(ab).nodeNames()).contains(Set.of("a", "b"));
    assertThat(ab.mergeNodes(all).nodeNames()).contains(Set.of("a", "b"));
    assertThat(ab.mergeNodes(bc).nodeNames()).contains(Set.of("b"));
    assertThat(PreFilterResult.nodes(Set.of("a")).mergeNodes(bc).nodeNames()).contains(Set.of());
  }

  @Test
  void permitTimeoutIsCapped() {
    assertThat(PermitResult.waitFor(Duration.ofHours(1)).timeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(PermitResult.waitFor(Duration.ofSeconds(5)).status().isWait()).isTrue();
    assertThatThrownBy(() -> PermitResult.waitFor(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hostPortConflicts() {
    HostPort any = new HostPort("", "TCP", 8080);
    HostPort local = new HostPort("10.0.0.1", "TCP", 8080);
    assertThat(any.ip()).isEqualTo(HostPort.ANY_IP);
    assertThat(any.conflictsWith(local)).isTrue();
    assertThat(local.conflictsWith(any)).isTrue();
    assertThat(local.conflictsWith(new HostPort("10.0.0.2", "TCP", 8080))).isFalse();
    assertThat(local.conflictsWith(new HostPort("10.0.0.1", "UDP", 8080))).isFalse();
    assertThat(local.conflictsWith(new HostPort("10.0.0.1", "", 8081))).isFalse();
    assertThatThrownBy(() -> new HostPort("", "TCP", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clusterEventMatching() {
    ClusterEvent nodeTaint = ClusterEvent.of("nodes", ClusterEvent.Action.UPDATE_NODE_TAINT,
        ClusterEvent.Action.ADD);
    assertThat(nodeTaint.matches("nodes", ClusterEvent.Action.ADD)).isTrue();
    assertThat(nodeTaint.matches("nodes", ClusterEvent.Action.UPDATE_NODE_LABEL)).isFalse();
    assertThat(nodeTaint.matches("pods", ClusterEvent.Action.ADD)).isFalse();
    ClusterEvent anyUpdate = ClusterEvent.of(ClusterEvent.WILDCARD, ClusterEvent.Action.UPDATE);
    assertThat(anyUpdate.matches("pods", ClusterEvent.Action.UPDATE_POD_LABEL)).isTrue();
    assertThat(anyUpdate.matches("pods", ClusterEvent.Action.DELETE)).isFalse();
    assertThatThrownBy(() -> ClusterEvent.of("nodes")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void queueSortComparatorFollowsLess() {
    QueueSortPlugin byName = new QueueSortPlugin() {
      @Override
      public String name() {
        return "ByName";
      }

      @Override
      public boolean less(QueuedPodInfo a, QueuedPodInfo b) {
        return a.podInfo().key().compareTo(b.podInfo().key()) < 0;
      }
    };
    QueuedPodInfo a = queued("a");
    QueuedPodInfo b = queued("b");
    assertThat(byName.comparator().compare(a, b)).isNegative();
    assertThat(byName.comparator().compare(b, a)).isPositive();
    assertThat(byName.comparator().compare(a, queued("a"))).isZero();
  }

  private static QueuedPodInfo queued(String name) {
    var pod = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(name)
        .withNamespace("default").endMetadata().build();
    var t = java.time.Instant.EPOCH;
    return new QueuedPodInfo(new PodInfo(pod, Resource.ZERO, Resource.ZERO), t, 0, t, Set.of());
  }
}
