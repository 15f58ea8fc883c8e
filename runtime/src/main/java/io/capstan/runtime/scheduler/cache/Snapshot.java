package io.capstan.runtime.scheduler.cache;

import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.NodeInfoLister;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler's view of the cluster for one cycle (Kubernetes' {@code cache.Snapshot}). Updated
 * in place by {@link SchedulerCache#updateSnapshot} at the start of each scheduling cycle, only for
 * nodes that changed; between two updates its content does not change, which is what plugins rely
 * on. Node order is stable (the order nodes were added) so the round-robin start index is meaningful.
 */
public final class Snapshot implements NodeInfoLister {

  final Map<String, SnapshotNodeInfo> byName = new HashMap<>();
  final ArrayList<NodeInfo> nodes = new ArrayList<>();
  final Map<String, Integer> positions = new HashMap<>();
  List<NodeInfo> withAffinity = List.of();
  List<NodeInfo> withRequiredAntiAffinity = List.of();
  long generation = -1;
  /** Updates that changed something, the nodes the last of them changed, and versions of the node set and of the affinity lists. */
  long updates;
  final List<String> changed = new ArrayList<>();
  long structureVersion;
  long affinityVersion;
  long nodeObjectVersion;
  private final List<NodeInfo> view = Collections.unmodifiableList(nodes);

  @Override
  public List<NodeInfo> list() {
    return view;
  }

  @Override
  public Optional<NodeInfo> get(String nodeName) {
    return Optional.ofNullable(byName.get(nodeName));
  }

  @Override
  public List<NodeInfo> havePodsWithAffinity() {
    return withAffinity;
  }

  @Override
  public List<NodeInfo> havePodsWithRequiredAntiAffinity() {
    return withRequiredAntiAffinity;
  }

  public int size() {
    return nodes.size();
  }

  /** How many updates changed this snapshot; with {@link #changedByLastUpdate()} a reader knows what changed since it looked. */
  public long updates() {
    return updates;
  }

  /** The names of the nodes added, changed or removed by the last update that changed anything. */
  public List<String> changedByLastUpdate() {
    return Collections.unmodifiableList(changed);
  }

  /** Bumped when nodes are added or removed. */
  public long structureVersion() {
    return structureVersion;
  }

  /** Bumped when the lists of nodes with affinity-bearing pods may have changed. */
  public long affinityVersion() {
    return affinityVersion;
  }

  /** Bumped when a Node object changes (as opposed to the pods on it): its labels, taints, capacity or images. */
  public long nodeObjectVersion() {
    return nodeObjectVersion;
  }

  /** The cache generation this snapshot reflects. */
  public long generation() {
    return generation;
  }

  void rebuildLists(Iterable<String> order) {
    nodes.clear();
    positions.clear();
    for (String name : order) {
      SnapshotNodeInfo info = byName.get(name);
      if (info != null) {
        positions.put(name, nodes.size());
        nodes.add(info);
      }
    }
  }

  void rebuildAffinityLists() {
    List<NodeInfo> affinity = new ArrayList<>();
    List<NodeInfo> anti = new ArrayList<>();
    for (NodeInfo n : nodes) {
      if (!n.podsWithAffinity().isEmpty()) {
        affinity.add(n);
      }
      if (!n.podsWithRequiredAntiAffinity().isEmpty()) {
        anti.add(n);
      }
    }
    withAffinity = List.copyOf(affinity);
    withRequiredAntiAffinity = List.copyOf(anti);
  }
}
