package io.capstan.plugins.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.controllers.testing.SimCluster;
import io.capstan.plugins.controllers.testing.Workloads;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DaemonSetControllerTest {

  private SimCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = SimCluster.start(new DaemonSetController());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  void node(String name, Map<String, String> labels, Taint... taints) {
    cluster.create(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withTaints(taints).endSpec().build());
  }

  static DaemonSetBuilder agent() {
    return new DaemonSetBuilder().withNewMetadata().withName("agent").withNamespace("default").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
        .withTemplate(Workloads.template(Map.of("app", "agent"), "agent:1")).endSpec();
  }

  /** Live pods by the node they are for. */
  Map<String, List<Pod>> podsByNode() {
    Map<String, List<Pod>> out = new TreeMap<>();
    for (Pod p : cluster.list(Pod.class, "default")) {
      if (p.getMetadata().getDeletionTimestamp() == null) {
        out.computeIfAbsent(DaemonSetPods.nodeOf(p).orElseThrow(), n -> new java.util.ArrayList<>()).add(p);
      }
    }
    return out;
  }

  void readyAll() {
    for (Pod p : cluster.list(Pod.class, "default")) {
      if (!DaemonSetPods.ready(p)) {
        cluster.podStatus("default", p.getMetadata().getName(), "Running", true);
      }
    }
  }

  DaemonSet ds() {
    return cluster.require(DaemonSet.class, "default", "agent");
  }

  @Test
  void onePodPerEligibleNodeFollowingNodesAndLabels() {
    node("n1", Map.of("role", "worker"));
    node("n2", Map.of("role", "worker"));
    node("n3", Map.of("role", "db"));
    cluster.create(agent().editSpec().editTemplate().editSpec().withNodeSelector(Map.of("role", "worker")).endSpec().endTemplate().endSpec().build());
    assertThat(podsByNode().keySet()).containsExactly("n1", "n2");
    Pod pod = podsByNode().get("n1").get(0);
    assertThat(pod.getSpec().getNodeName()).as("placed by affinity, not nodeName").isNull();
    assertThat(pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms().get(0).getMatchFields().get(0).getValues()).containsExactly("n1");
    assertThat(pod.getSpec().getTolerations()).extracting(t -> t.getKey() + ":" + t.getEffect()).contains(
        "node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute",
        "node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/memory-pressure:NoSchedule",
        "node.kubernetes.io/pid-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule");
    assertThat(pod.getMetadata().getLabels()).containsKey(DaemonSetPods.HASH_LABEL);

    node("n4", Map.of("role", "worker"));
    assertThat(podsByNode().keySet()).containsExactly("n1", "n2", "n4");
    cluster.resources(Node.class).delete("", "n1");
    cluster.settle();
    assertThat(podsByNode().keySet()).containsExactly("n2", "n4");
    Node n2 = cluster.require(Node.class, "", "n2");
    n2.getMetadata().setLabels(Map.of("role", "db"));
    cluster.resources(Node.class).update(n2);
    cluster.settle();
    assertThat(podsByNode().keySet()).containsExactly("n4");
    readyAll();
    DaemonSet status = ds();
    assertThat(status.getStatus().getDesiredNumberScheduled()).isEqualTo(1);
    assertThat(status.getStatus().getCurrentNumberScheduled()).isEqualTo(1);
    assertThat(status.getStatus().getNumberReady()).isEqualTo(1);
    assertThat(status.getStatus().getNumberAvailable()).isEqualTo(1);
    assertThat(status.getStatus().getUpdatedNumberScheduled()).isEqualTo(1);
    assertThat(status.getStatus().getNumberMisscheduled()).isZero();
    assertThat(cluster.errors()).isZero();
  }

  @Test
  void nodeHeartbeatsDoNotWakeDaemonSetsButLabelChangesDo() {
    node("n1", Map.of());
    cluster.create(agent().build());
    int before = cluster.reconciles();
    for (int beat = 0; beat < 5; beat++) {
      Node n1 = cluster.require(Node.class, "", "n1");
      n1.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder().addNewCondition().withType("Ready")
          .withStatus("True").withLastHeartbeatTime(cluster.clock().now().plusSeconds(beat).toString()).endCondition().build());
      cluster.resources(Node.class).updateStatus(n1);
      cluster.settle();
    }
    assertThat(cluster.reconciles() - before).as("only the Ready condition's first appearance counts").isEqualTo(1);
    Node n1 = cluster.require(Node.class, "", "n1");
    n1.getMetadata().setLabels(Map.of("zone", "a"));
    cluster.resources(Node.class).update(n1);
    cluster.settle();
    assertThat(cluster.reconciles() - before).isEqualTo(2);
  }

  @Test
  void taintsAndTolerationsAsKubernetesHasThem() {
    node("plain", Map.of());
    node("gpu", Map.of(), new TaintBuilder().withKey("dedicated").withValue("gpu").withEffect("NoSchedule").build());
    node("notready", Map.of(), new TaintBuilder().withKey("node.kubernetes.io/not-ready").withEffect("NoExecute").build());
    node("cordoned", Map.of(), new TaintBuilder().withKey("node.kubernetes.io/unschedulable").withEffect("NoSchedule").build());
    cluster.create(agent().build());
    assertThat(podsByNode().keySet()).containsExactly("cordoned", "notready", "plain");

    Node plain = cluster.require(Node.class, "", "plain");
    plain.getSpec().setTaints(List.of(new TaintBuilder().withKey("evict").withEffect("NoExecute").build()));
    cluster.resources(Node.class).update(plain);
    cluster.settle();
    assertThat(podsByNode().keySet()).as("an untolerated NoExecute taint evicts").containsExactly("cordoned", "notready");

    DaemonSet tolerant = ds();
    tolerant.getSpec().getTemplate().getSpec().setTolerations(List.of(
        new TolerationBuilder().withKey("dedicated").withOperator("Equal").withValue("gpu").withEffect("NoSchedule").build()));
    cluster.resources(DaemonSet.class).update(tolerant);
    cluster.settle();
    assertThat(podsByNode()).containsKey("gpu");
  }

  @Test
  void rollingUpdateReplacesOneNodeAtATimeWithinMaxUnavailable() {
    for (String n : List.of("n1", "n2", "n3")) {
      node(n, Map.of());
    }
    cluster.create(agent().build());
    readyAll();
    String oldHash = DaemonSetPods.hash(podsByNode().get("n1").get(0));
    DaemonSet changed = ds();
    changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:2");
    cluster.resources(DaemonSet.class).update(changed);
    cluster.settle();
    for (int step = 1; step <= 3; step++) {
      Map<String, List<Pod>> pods = podsByNode();
      long updated = pods.values().stream().flatMap(List::stream).filter(p -> !oldHash.equals(DaemonSetPods.hash(p))).count();
      long unavailable = pods.values().stream().flatMap(List::stream).filter(p -> !DaemonSetPods.ready(p)).count()
          + (3 - pods.size());
      assertThat(updated).as("step %d", step).isEqualTo(step);
      assertThat(unavailable).as("never more than maxUnavailable=1 down").isEqualTo(1);
      readyAll();
    }
    assertThat(podsByNode().values()).allSatisfy(list -> assertThat(list).singleElement()
        .satisfies(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("agent:2")));
    assertThat(ds().getStatus().getUpdatedNumberScheduled()).isEqualTo(3);
    assertThat(ds().getStatus().getNumberAvailable()).isEqualTo(3);
    assertThat(cluster.list(io.fabric8.kubernetes.api.model.apps.ControllerRevision.class, "default"))
        .extracting(r -> r.getRevision()).containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void maxSurgeStartsTheNewPodBeforeStoppingTheOld() {
    node("n1", Map.of());
    cluster.create(agent().editSpec().withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endUpdateStrategy().endSpec().build());
    readyAll();
    DaemonSet changed = ds();
    changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:2");
    cluster.resources(DaemonSet.class).update(changed);
    cluster.settle();
    assertThat(podsByNode().get("n1")).as("old and new side by side").hasSize(2);
    readyAll();
    assertThat(podsByNode().get("n1")).singleElement()
        .satisfies(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("agent:2"));
  }
}
