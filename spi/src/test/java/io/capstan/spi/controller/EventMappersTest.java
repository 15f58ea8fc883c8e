package io.capstan.spi.controller;

import io.capstan.spi.api.ObjectKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class EventMappersTest {

  private static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withNamespace("ns1").withName(name).endMetadata().build();
  }

  @Test
  void selfMapsToTheObjectsOwnKey() {
    assertThat(EventMappers.<Pod>self().map(pod("p1"))).containsExactly(new ObjectKey("ns1", "p1"));
  }

  @Test
  void clusterScopedObjectsGetAnEmptyNamespace() {
    Node node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build();
    ObjectKey key = ObjectKey.of(node);
    assertThat(key).isEqualTo(new ObjectKey("", "n1"));
    assertThat(key).hasToString("n1");
    assertThat(new ObjectKey("ns", "a")).hasToString("ns/a");
  }

  @Test
  void emptyNameIsRejected() {
    assertThatThrownBy(() -> new ObjectKey("ns", "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void controllerOwnerFollowsTheControllingReferenceOfTheGivenKind() {
    Pod owned = new PodBuilder(pod("web-abc"))
        .editMetadata()
        .addNewOwnerReference().withKind("Node").withName("n1").withController(false).endOwnerReference()
        .addNewOwnerReference().withKind("ReplicaSet").withName("web-rs").withController(true)
        .endOwnerReference()
        .endMetadata().build();
    assertThat(EventMappers.<Pod>controllerOwner("ReplicaSet").map(owned))
        .containsExactly(new ObjectKey("ns1", "web-rs"));
    assertThat(EventMappers.<Pod>controllerOwner("StatefulSet").map(owned)).isEmpty();
  }

  @Test
  void nonControllingReferencesAndOrphansMapToNothing() {
    Pod notController = new PodBuilder(pod("x")).editMetadata()
        .addNewOwnerReference().withKind("ReplicaSet").withName("rs").endOwnerReference()
        .endMetadata().build();
    assertThat(EventMappers.<Pod>controllerOwner("ReplicaSet").map(notController)).isEmpty();
    assertThat(EventMappers.<Pod>controllerOwner("ReplicaSet").map(pod("orphan"))).isEmpty();
  }

  @Test
  void defaultControllerNamesAreUniqueLowerCase() {
    assertThat(ControllerNames.DEFAULTS).doesNotHaveDuplicates().hasSize(13)
        .allMatch(n -> n.matches("[a-z][a-z-]*"));
  }
}
