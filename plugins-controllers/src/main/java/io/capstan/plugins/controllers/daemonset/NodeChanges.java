package io.capstan.plugins.controllers.daemonset;

import io.capstan.spi.client.Lister;
import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes' {@code shouldIgnoreNodeUpdate}: of a node's many updates (heartbeats every few
 * seconds on thousands of nodes) only those that change labels, taints, unschedulable or the
 * status of a condition matter to DaemonSets. Keeps one fingerprint per node; a node missing from
 * the cache (deleted) always counts as a change.
 */
final class NodeChanges {

  private final Map<String, Integer> fingerprints = new ConcurrentHashMap<>();

  boolean changed(Node node, Lister<Node> cache) {
    String name = node.getMetadata().getName();
    if (cache.get("", name).isEmpty()) {
      fingerprints.remove(name);
      return true;
    }
    Integer previous = fingerprints.put(name, fingerprint(node));
    return previous == null || previous != fingerprint(node);
  }

  static int fingerprint(Node node) {
    List<String> conditions = node.getStatus() == null || node.getStatus().getConditions() == null ? List.of()
        : node.getStatus().getConditions().stream().map(c -> c.getType() + "=" + c.getStatus()).sorted().toList();
    return Objects.hash(node.getMetadata().getLabels(), node.getSpec() == null ? null : node.getSpec().getTaints(),
        node.getSpec() == null ? null : node.getSpec().getUnschedulable(), conditions);
  }
}
