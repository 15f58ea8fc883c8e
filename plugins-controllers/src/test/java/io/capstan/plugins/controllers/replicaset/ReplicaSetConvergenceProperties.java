package io.capstan.plugins.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.controllers.fixtures.ControllerFixture;
import io.capstan.spi.client.PatchType;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random interleavings of scale changes, pod deaths and controller restarts always end with exactly
 * the declared number of pods, all owned by the ReplicaSet, and nothing created after that.
 */
class ReplicaSetConvergenceProperties {

  private static ControllerFixture fx;
  private static final AtomicInteger TRY = new AtomicInteger();

  sealed interface Op permits Scale, KillPod, Restart {}

  record Scale(int replicas) implements Op {}

  record KillPod(int index) implements Op {}

  record Restart() implements Op {}

  private static synchronized ControllerFixture fixture() {
    if (fx == null) {
      fx = new ControllerFixture().start(new ReplicaSetController(ReplicaSetConfig.defaults()));
    }
    return fx;
  }

  @AfterContainer
  static void close() throws Exception {
    if (fx != null) {
      fx.close();
      fx = null;
    }
  }

  @Provide
  Arbitrary<List<Op>> scripts() {
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 6).map(Scale::new)),
        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 5).map(KillPod::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Restart())));
    return op.list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 12)
  void convergesToTheDeclaredReplicas(@ForAll("scripts") List<Op> script) throws Exception {
    ControllerFixture f = fixture();
    String name = "conv-" + TRY.incrementAndGet();
    String selector = "app=" + name;
    f.client().resources(ReplicaSet.class).create(ReplicaSetControllerTest.rs(name, 2, Map.of("app", name)));
    int declared = 2;
    for (Op op : script) {
      if (op instanceof Scale scale) {
        declared = scale.replicas();
        f.client().resources(ReplicaSet.class).patch("default", name, PatchType.MERGE,
            "{\"spec\":{\"replicas\":" + declared + "}}");
      } else if (op instanceof KillPod kill) {
        List<Pod> pods = f.activePods("default", selector);
        if (!pods.isEmpty()) {
          Pod victim = pods.get(kill.index() % pods.size());
          try {
            f.client().resources(Pod.class).delete("default", victim.getMetadata().getName());
          } catch (io.capstan.spi.client.NotFoundException gone) {
            // the controller deleted it first
          }
        }
      } else {
        f.harness().restart();
      }
      Thread.sleep(15);
    }
    int expected = declared;
    await().atMost(Duration.ofSeconds(20)).until(() -> f.activePods("default", selector).size() == expected);
    f.quiesce();
    List<Pod> settled = f.activePods("default", selector);
    assertThat(settled).hasSize(expected);
    assertThat(settled).allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getName()).isEqualTo(name)));
    Set<String> names = new HashSet<>();
    settled.forEach(p -> names.add(p.getMetadata().getName()));
    Thread.sleep(200);
    f.quiesce();
    Set<String> later = new HashSet<>();
    f.activePods("default", selector).forEach(p -> later.add(p.getMetadata().getName()));
    assertThat(later).as("nothing created or deleted once converged").isEqualTo(names);
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      ReplicaSet rs = f.client().resources(ReplicaSet.class).get("default", name).orElseThrow();
      return rs.getStatus() != null && rs.getStatus().getReplicas() == expected;
    });
  }
}
