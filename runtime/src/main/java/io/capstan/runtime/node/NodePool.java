package io.capstan.runtime.node;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;

/**
 * A group of identical simulated nodes: {@code node.count} makes the default pool, each entry of
 * {@code node.pools.<name>.*} another one.
 *
 * @param name the pool's name; its nodes are {@code <name>-1 ... <name>-<count>} ({@code node-N} for the default pool)
 * @param count how many nodes
 * @param cpu each node's cpu capacity
 * @param memory each node's memory capacity
 * @param pods each node's pod capacity
 * @param labels extra labels on each node
 * @param taints taints on each node
 * @param names the nodes' names when given explicitly ({@code node.names}, or {@code capstan node --name});
 *     empty: {@code <name>-1 ... <name>-<count>}
 */
public record NodePool(String name, int count, Quantity cpu, Quantity memory, int pods, Map<String, String> labels,
    List<Taint> taints, List<String> names) {

  public NodePool {
    requireNonNull(name, "name");
    requireNonNull(cpu, "cpu");
    requireNonNull(memory, "memory");
    labels = Map.copyOf(requireNonNull(labels, "labels"));
    taints = List.copyOf(requireNonNull(taints, "taints"));
    names = List.copyOf(requireNonNull(names, "names"));
    if (!names.isEmpty()) {
      count = names.size();
    }
    if (count < 0) {
      throw new IllegalArgumentException("node pool " + name + ": count must be >= 0, got " + count);
    }
    if (pods <= 0) {
      throw new IllegalArgumentException("node pool " + name + ": pods must be > 0, got " + pods);
    }
  }

  /** The name of the i-th node (1-based) of this pool. */
  public String nodeName(int i) {
    return names.isEmpty() ? name + "-" + i : names.get(i - 1);
  }
}
