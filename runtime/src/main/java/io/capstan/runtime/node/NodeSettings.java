package io.capstan.runtime.node;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.CapstanException;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.spi.plugin.DurationDeserializer;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node host's settings under {@code node.*} (the runtime plugin's own are under
 * {@code node.<runtime>.*}).
 *
 * @param pools the node pools, the default pool ({@code node.count} nodes named {@code node-N}, or the
 *     {@code node.names}) first
 * @param clusterCidr the cluster's pod network; each node gets the next /24 of it as its podCIDR
 * @param firstNodeIndex the index of this process's first node in the cluster CIDR's /24s
 *     ({@code node.firstIndex}; a second process of nodes starts after the first one's)
 * @param leaseDuration the Lease's {@code leaseDurationSeconds}; 40 s as the kubelet
 * @param leaseRenewInterval how often a node renews its Lease; 10 s as the kubelet
 * @param statusUpdateFrequency how often node conditions are computed; 10 s
 * @param statusReportFrequency how often the node status is written when nothing changed; 5 min
 * @param workers pod workers shared by all nodes of the process
 */
public record NodeSettings(List<NodePool> pools, String clusterCidr, int firstNodeIndex, Duration leaseDuration, Duration leaseRenewInterval,
    Duration statusUpdateFrequency, Duration statusReportFrequency, int workers) {

  public NodeSettings {
    pools = List.copyOf(requireNonNull(pools, "pools"));
    requireNonNull(clusterCidr, "clusterCidr");
    PodCidrs.parse(clusterCidr);
    Set<String> names = new LinkedHashSet<>();
    for (NodePool pool : pools) {
      if (!names.add(pool.name())) {
        throw new IllegalArgumentException("two node pools are named " + pool.name());
      }
    }
  }

  /** The defaults with {@code count} nodes in the default pool and no other pool. */
  public static NodeSettings ofCount(int count) {
    return new NodeSettings(List.of(defaultPool(count, Map.of())), "10.244.0.0/16", 0, Duration.ofSeconds(40),
        Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(5), 4);
  }

  /** The default pool: {@code node.count} nodes named node-N, or exactly the {@code node.names}. */
  private static NodePool defaultPool(int count, Map<String, Object> tree) {
    Object names = tree.get("names");
    List<String> explicit = names instanceof List<?> list ? list.stream().map(String::valueOf).filter(n -> !n.isBlank()).toList()
        : names == null || String.valueOf(names).isBlank() ? List.of() : List.of(String.valueOf(names).split(","));
    return new NodePool("node", count, new Quantity(str(tree, "cpu", "4")), new Quantity(str(tree, "memory", "16Gi")),
        Integer.parseInt(str(tree, "pods", "110")), Map.of(), List.of(), explicit);
  }

  /** Every node of every pool, in order. */
  public int nodeCount() {
    return pools.stream().mapToInt(NodePool::count).sum();
  }

  public NodeSettings withPools(List<NodePool> replaced) {
    return new NodeSettings(replaced, clusterCidr, firstNodeIndex, leaseDuration, leaseRenewInterval, statusUpdateFrequency,
        statusReportFrequency, workers);
  }

  /** Reads {@code node.*}; a bad value stops start-up naming the key. */
  public static NodeSettings from(LayeredConfig config) {
    Map<String, Object> tree = config.tree("node");
    try {
      List<NodePool> pools = new ArrayList<>();
      pools.add(defaultPool(Integer.parseInt(str(tree, "count", "3")), tree));
      Object configured = tree.get("pools");
      if (configured instanceof Map<?, ?> byName) {
        for (Map.Entry<?, ?> e : byName.entrySet()) {
          pools.add(pool(String.valueOf(e.getKey()), asMap(e.getValue())));
        }
      }
      return new NodeSettings(pools, str(tree, "clusterCidr", "10.244.0.0/16"), firstNodeIndex(tree),
          DurationDeserializer.parse(str(tree, "leaseDuration", "40s")),
          DurationDeserializer.parse(str(tree, "leaseRenewInterval", "10s")),
          DurationDeserializer.parse(str(tree, "statusUpdateFrequency", "10s")),
          DurationDeserializer.parse(str(tree, "statusReportFrequency", "5m")),
          Integer.parseInt(str(tree, "workers", "4")));
    } catch (IllegalArgumentException e) {
      throw new CapstanException("node settings: " + e.getMessage()
          + " (see node.count, node.clusterCidr, node.pools.<name>.{count,cpu,memory,pods,labels,taints} in capstan.yaml)", e);
    }
  }

  private static NodePool pool(String name, Map<String, Object> p) {
    Map<String, String> labels = new LinkedHashMap<>();
    asMap(p.getOrDefault("labels", Map.of())).forEach((k, v) -> labels.put(k, String.valueOf(v)));
    List<Taint> taints = new ArrayList<>();
    Object t = p.get("taints");
    List<String> specs = t instanceof List<?> list ? list.stream().map(String::valueOf).toList()
        : t == null ? List.of() : List.of(String.valueOf(t).split(","));
    for (String spec : specs) {
      if (!spec.isBlank()) {
        taints.add(taint(name, spec.trim()));
      }
    }
    return new NodePool(name, Integer.parseInt(str(p, "count", "1")), new Quantity(str(p, "cpu", "4")),
        new Quantity(str(p, "memory", "16Gi")), Integer.parseInt(str(p, "pods", "110")), labels, taints, List.of());
  }

  /** {@code key=value:Effect} or {@code key:Effect}, as kubectl taint writes them. */
  static Taint taint(String pool, String spec) {
    int colon = spec.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("node pool " + pool + ": taint '" + spec + "' needs an effect, e.g. dedicated=gpu:NoSchedule");
    }
    String effect = spec.substring(colon + 1);
    if (!List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
      throw new IllegalArgumentException("node pool " + pool + ": taint effect '" + effect
          + "' must be NoSchedule, PreferNoSchedule or NoExecute");
    }
    String kv = spec.substring(0, colon);
    int eq = kv.indexOf('=');
    Taint taint = new Taint();
    taint.setKey(eq < 0 ? kv : kv.substring(0, eq));
    taint.setValue(eq < 0 ? null : kv.substring(eq + 1));
    taint.setEffect(effect);
    return taint;
  }

  private static int firstNodeIndex(Map<String, Object> tree) {
    int index = Integer.parseInt(str(tree, "firstIndex", "0"));
    if (index < 0) {
      throw new IllegalArgumentException("node.firstIndex must be >= 0");
    }
    return index;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static String str(Map<String, Object> tree, String key, String fallback) {
    Object v = tree.get(key);
    if (v == null || v instanceof Map<?, ?> || String.valueOf(v).isBlank()) {
      return fallback;
    }
    return v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
  }
}
