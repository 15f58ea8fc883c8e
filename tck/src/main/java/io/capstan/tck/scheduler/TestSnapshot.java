package io.capstan.tck.scheduler;

import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeInfoLister;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster snapshot for plugin tests: nodes with their pods, in insertion order, with each image's
 * spread counted over the nodes. {@code TestSnapshot.builder().node(n1, p1, p2).node(n2).build()}.
 */
public final class TestSnapshot implements NodeInfoLister {

  private final List<NodeInfo> nodes;
  private final Map<String, NodeInfo> byName = new LinkedHashMap<>();

  private TestSnapshot(List<? extends NodeInfo> nodes) {
    this.nodes = List.copyOf(nodes);
    for (NodeInfo n : this.nodes) {
      byName.put(n.nodeName(), n);
    }
  }

  /** A snapshot of already built node infos (no image spread recomputation). */
  public static TestSnapshot of(List<? extends NodeInfo> nodes) {
    return new TestSnapshot(nodes);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<NodeInfo> list() {
    return nodes;
  }

  @Override
  public Optional<NodeInfo> get(String nodeName) {
    return Optional.ofNullable(byName.get(nodeName));
  }

  @Override
  public List<NodeInfo> havePodsWithAffinity() {
    return nodes.stream().filter(n -> !n.podsWithAffinity().isEmpty()).toList();
  }

  @Override
  public List<NodeInfo> havePodsWithRequiredAntiAffinity() {
    return nodes.stream().filter(n -> !n.podsWithRequiredAntiAffinity().isEmpty()).toList();
  }

  /** A snapshot where {@code pod} was added to node {@code nodeName}. */
  public TestSnapshot withPod(String nodeName, Pod pod) {
    List<NodeInfo> changed = new ArrayList<>();
    for (NodeInfo n : nodes) {
      changed.add(n.nodeName().equals(nodeName) ? ((TestNodeInfo) n).withPod(pod) : n);
    }
    return new TestSnapshot(changed);
  }

  /** Collects nodes and pods; {@link #build()} counts image spread over all nodes. */
  public static final class Builder {
    private final List<Node> nodeObjects = new ArrayList<>();
    private final List<List<Pod>> pods = new ArrayList<>();

    public Builder node(Node node, Pod... podsOnNode) {
      nodeObjects.add(node);
      pods.add(List.of(podsOnNode));
      return this;
    }

    public TestSnapshot build() {
      Map<String, Integer> spread = new HashMap<>();
      for (Node n : nodeObjects) {
        TestNodeInfo.imageNames(n).stream().distinct().forEach(i -> spread.merge(i, 1, Integer::sum));
      }
      List<NodeInfo> infos = new ArrayList<>();
      for (int i = 0; i < nodeObjects.size(); i++) {
        infos.add(TestNodeInfo.of(nodeObjects.get(i), pods.get(i), spread));
      }
      return new TestSnapshot(infos);
    }
  }
}
