package io.capstan.spi.scheduler;

import java.util.List;
import java.util.Optional;

/**
 * The scheduler's snapshot of the cluster for the current cycle, taken once at its start. Every
 * plugin of the cycle sees the same snapshot; thread-safe and never blocks.
 */
public interface NodeInfoLister {

  /** Every node, in a stable order for the cycle. */
  List<NodeInfo> list();

  /** One node by name, empty if it is not in the snapshot. */
  Optional<NodeInfo> get(String nodeName);

  /** The nodes that hold at least one pod with (anti-)affinity terms. */
  List<NodeInfo> havePodsWithAffinity();

  /** The nodes that hold at least one pod with required anti-affinity terms. */
  List<NodeInfo> havePodsWithRequiredAntiAffinity();
}
