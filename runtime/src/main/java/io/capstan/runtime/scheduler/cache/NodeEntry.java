package io.capstan.runtime.scheduler.cache;

import io.capstan.spi.scheduler.HostPort;
import io.capstan.spi.scheduler.ImageState;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.Resource;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cache's mutable entry for one node, updated incrementally as pods come and go; guarded by
 * the cache's lock. The node object may be absent while pods bound to it arrive before it does.
 */
final class NodeEntry {

  final String name;
  Optional<Node> node = Optional.empty();
  Resource allocatable = Resource.ZERO;
  final LinkedHashMap<String, PodInfo> pods = new LinkedHashMap<>();
  Resource requested = Resource.ZERO;
  Resource nonZeroRequested = Resource.ZERO;
  final Map<HostPort, Integer> ports = new HashMap<>();
  int withAffinity;
  int withRequiredAntiAffinity;
  long generation;

  NodeEntry(String name) {
    this.name = name;
  }

  void setNode(Node n) {
    node = Optional.of(n);
    var alloc = n.getStatus() == null ? null : n.getStatus().getAllocatable();
    allocatable = alloc == null ? Resource.ZERO : Resource.fromResourceList(alloc);
  }

  void addPod(PodInfo p) {
    pods.put(p.uid(), p);
    requested = requested.plus(p.requests()).plus(ONE_POD);
    nonZeroRequested = nonZeroRequested.plus(p.nonZeroRequests());
    for (HostPort port : PodInfos.hostPorts(p.pod())) {
      ports.merge(port, 1, Integer::sum);
    }
    if (PodInfos.hasAffinity(p.pod())) {
      withAffinity++;
    }
    if (PodInfos.hasRequiredAntiAffinity(p.pod())) {
      withRequiredAntiAffinity++;
    }
  }

  boolean removePod(String uid) {
    PodInfo p = pods.remove(uid);
    if (p == null) {
      return false;
    }
    requested = requested.minus(p.requests()).minus(ONE_POD);
    nonZeroRequested = nonZeroRequested.minus(p.nonZeroRequests());
    for (HostPort port : PodInfos.hostPorts(p.pod())) {
      ports.computeIfPresent(port, (k, v) -> v == 1 ? null : v - 1);
    }
    if (PodInfos.hasAffinity(p.pod())) {
      withAffinity--;
    }
    if (PodInfos.hasRequiredAntiAffinity(p.pod())) {
      withRequiredAntiAffinity--;
    }
    return true;
  }

  SnapshotNodeInfo toSnapshot(Map<String, ImageState> images) {
    List<PodInfo> all = new ArrayList<>(pods.values());
    List<PodInfo> affinity = withAffinity == 0 ? List.of()
        : all.stream().filter(p -> PodInfos.hasAffinity(p.pod())).toList();
    List<PodInfo> anti = withRequiredAntiAffinity == 0 ? List.of()
        : all.stream().filter(p -> PodInfos.hasRequiredAntiAffinity(p.pod())).toList();
    return new SnapshotNodeInfo(node.orElseThrow(), name, all, affinity, anti, requested, nonZeroRequested, allocatable,
        ports.keySet(), images, generation);
  }

  private static final Resource ONE_POD = new Resource(0, 0, 0, 1, Map.of());
}
