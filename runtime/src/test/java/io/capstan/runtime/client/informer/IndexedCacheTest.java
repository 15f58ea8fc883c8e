package io.capstan.runtime.client.informer;

import static io.capstan.runtime.client.informer.Pods.onNode;
import static io.capstan.runtime.client.informer.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.Lister;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The cache's indexes, as client-go's {@code thread_safe_store_test.go} and {@code index_test.go}. */
class IndexedCacheTest {

  private static final Function<Pod, List<String>> BY_NODE = pod ->
      pod.getSpec().getNodeName() == null ? List.of() : List.of(pod.getSpec().getNodeName());

  private final IndexedCache<Pod> cache = new IndexedCache<>("Pod");

  private void put(Pod pod) {
    cache.put(ObjectKey.of(pod), pod);
  }

  private static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).sorted().toList();
  }

  @Test
  void customIndexFollowsPutsMovesAndRemovals() {
    cache.addIndexer("node", BY_NODE);
    put(pod("a", "p1", "n1"));
    put(pod("a", "p2", "n1"));
    put(pod("b", "p3", "n2"));
    put(pod("b", "p4"));

    assertThat(names(cache.byIndex("node", "n1"))).containsExactly("p1", "p2");
    assertThat(names(cache.byIndex("node", "n2"))).containsExactly("p3");
    assertThat(cache.byIndex("node", "n9")).isEmpty();

    put(onNode(pod("a", "p1"), "n2"));
    assertThat(names(cache.byIndex("node", "n1"))).containsExactly("p2");
    assertThat(names(cache.byIndex("node", "n2"))).containsExactly("p1", "p3");

    cache.remove(ObjectKey.of("b", "p3"));
    cache.remove(ObjectKey.of("a", "p2"));
    assertThat(cache.byIndex("node", "n1")).isEmpty();
    assertThat(names(cache.byIndex("node", "n2"))).containsExactly("p1");
  }

  @Test
  void namespaceIndexServesListByNamespaceAndEmptyMeansEverything() {
    put(pod("a", "p1"));
    put(pod("a", "p2"));
    put(pod("b", "p3"));

    assertThat(names(cache.list("a"))).containsExactly("p1", "p2");
    assertThat(names(cache.byIndex(Lister.NAMESPACE_INDEX, "b"))).containsExactly("p3");
    assertThat(names(cache.list(""))).containsExactly("p1", "p2", "p3");
    assertThat(names(cache.list("", p -> p.getMetadata().getName().endsWith("2"))))
        .containsExactly("p2");
    assertThat(cache.list("c")).isEmpty();
  }

  @Test
  void clusterScopedObjectsAreListedWithTheEmptyNamespace() {
    IndexedCache<Node> nodes = new IndexedCache<>("Node");
    Node node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build();
    nodes.put(ObjectKey.of(node), node);

    assertThat(nodes.list("")).containsExactly(node);
    assertThat(nodes.get("", "n1")).containsSame(node);
  }

  @Test
  void anIndexAddedLaterIndexesWhatIsCached() {
    put(pod("a", "p1", "n1"));

    cache.addIndexer("node", BY_NODE);

    assertThat(names(cache.byIndex("node", "n1"))).containsExactly("p1");
  }

  @Test
  void indexNamesAreUniquePerFunctionAndUnknownIndexesAreRefused() {
    cache.addIndexer("node", BY_NODE);
    cache.addIndexer("node", BY_NODE);

    assertThatIllegalStateException().isThrownBy(() -> cache.addIndexer("node", p -> List.of()))
        .withMessageContaining("index 'node'");
    assertThatIllegalStateException()
        .isThrownBy(() -> cache.addIndexer(Lister.NAMESPACE_INDEX, p -> List.of()));
    assertThatIllegalArgumentException().isThrownBy(() -> cache.byIndex("zone", "z1"))
        .withMessageContaining("no index 'zone'").withMessageContaining("addIndexer");
  }

  @Test
  void aThrowingIndexFunctionLeavesTheObjectOutOfThatIndexOnly() {
    cache.addIndexer("fussy", pod -> {
      if (pod.getMetadata().getName().equals("bad")) {
        throw new IllegalStateException("cannot index bad");
      }
      return List.of("ok");
    });

    put(pod("a", "bad"));
    put(pod("a", "good"));
    cache.remove(ObjectKey.of("a", "bad"));

    assertThat(names(cache.byIndex("fussy", "ok"))).containsExactly("good");
    assertThat(names(cache.list("a"))).containsExactly("good");
  }
}
