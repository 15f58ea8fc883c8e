package io.capstan.plugins.admission.noderestriction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.plugins.admission.cluster.AdmissionCluster;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ApiException;
import io.capstan.tck.fixtures.TestObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A node's credential in a real in-process API server: only its own Node and its pods' status. */
class NodeRestrictionIT {

  private static AdmissionCluster cluster;
  private static ApiClient n1;

  @BeforeAll
  static void start() throws Exception {
    cluster = new AdmissionCluster(client -> List.of(new NodeRestriction()));
    n1 = cluster.as(UserInfo.of("system:node:n1", "system:nodes", UserInfo.GROUP_AUTHENTICATED));
    cluster.admin().resources(Node.class).create(TestObjects.node("n2").build());
    cluster.admin().resources(Pod.class).create(TestObjects.pod("mine").node("n1").build());
    cluster.admin().resources(Pod.class).create(TestObjects.pod("theirs").node("n2").build());
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static void forbidden(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403)).hasMessage(message);
  }

  @Test
  void aNodeWritesItsOwnNodeOnly() {
    Node own = n1.resources(Node.class).create(TestObjects.node("n1").build());
    n1.resources(Node.class).update(new NodeBuilder(own).editMetadata().addToLabels("zone", "a").endMetadata().build());
    Node other = cluster.admin().resources(Node.class).get("", "n2").orElseThrow();
    forbidden(() -> n1.resources(Node.class).update(new NodeBuilder(other).editMetadata().addToLabels("zone", "a").endMetadata().build()),
        "nodes \"n2\" is forbidden: node \"n1\" is not allowed to modify node \"n2\"");
    Node fresh = n1.resources(Node.class).get("", "n1").orElseThrow();
    forbidden(() -> n1.resources(Node.class).update(new NodeBuilder(fresh).editMetadata()
            .addToLabels("node-restriction.kubernetes.io/pool", "gold").endMetadata().build()),
        "nodes \"n1\" is forbidden: is not allowed to modify labels: node-restriction.kubernetes.io/pool");
  }

  @Test
  void aNodeUpdatesTheStatusOfItsOwnPodsOnly() {
    Pod mine = n1.resources(Pod.class).get("default", "mine").orElseThrow();
    Pod running = n1.resources(Pod.class).updateStatus(new PodBuilder(mine).withNewStatus().withPhase("Running").endStatus().build());
    assertThat(running.getStatus().getPhase()).isEqualTo("Running");
    Pod theirs = n1.resources(Pod.class).get("default", "theirs").orElseThrow();
    forbidden(() -> n1.resources(Pod.class).updateStatus(new PodBuilder(theirs).withNewStatus().withPhase("Running").endStatus().build()),
        "pods \"theirs\" is forbidden: node \"n1\" can only update pod status for pods with spec.nodeName set to itself");
    forbidden(() -> n1.resources(Pod.class).update(new PodBuilder(running).editMetadata().addToLabels("x", "y").endMetadata().build()),
        "pods \"mine\" is forbidden: unexpected operation \"UPDATE\", node \"n1\" can only create and delete mirror pods");
    forbidden(() -> n1.resources(Pod.class).delete("default", "theirs"),
        "pods \"theirs\" is forbidden: node \"n1\" can only delete pods with spec.nodeName set to itself");
  }

  @Test
  void aNodeCreatesOnlyMirrorPodsBoundToItself() {
    forbidden(() -> n1.resources(Pod.class).create(TestObjects.pod("plain").node("n1").build()),
        "pods \"plain\" is forbidden: pod does not have \"kubernetes.io/config.mirror\" annotation, node \"n1\" can only create mirror pods");
    forbidden(() -> n1.resources(Pod.class).create(TestObjects.pod("elsewhere").node("n2").annotation("kubernetes.io/config.mirror", "h").build()),
        "pods \"elsewhere\" is forbidden: node \"n1\" can only create pods with spec.nodeName set to itself");
    Pod mirror = n1.resources(Pod.class).create(TestObjects.pod("static").node("n1").annotation("kubernetes.io/config.mirror", "h").build());
    assertThat(mirror.getMetadata().getUid()).isNotEmpty();
  }

  @Test
  void otherWritesAreRefusedButOtherUsersPass() {
    ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("cfg").withNamespace("default").endMetadata().build();
    forbidden(() -> n1.resources(ConfigMap.class).create(map),
        "configmaps \"cfg\" is forbidden: node \"n1\" is not allowed to modify configmaps: a node may change only its own Node and Lease,"
            + " the status of pods bound to it, mirror pods and events");
    assertThat(cluster.admin().resources(ConfigMap.class).create(map).getMetadata().getName()).isEqualTo("cfg");
  }
}
