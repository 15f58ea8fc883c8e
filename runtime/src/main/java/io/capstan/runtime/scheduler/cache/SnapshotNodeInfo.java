package io.capstan.runtime.scheduler.cache;

import io.capstan.spi.scheduler.HostPort;
import io.capstan.spi.scheduler.ImageState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.Resource;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node's immutable entry in a snapshot. Built by the cache only for nodes that changed since
 * the previous snapshot, so a cycle costs O(changed nodes), not O(nodes). Preemption makes modified
 * copies with {@link #withPod} / {@link #withoutPod}.
 */
public record SnapshotNodeInfo(Node node, String nodeName, List<PodInfo> pods, List<PodInfo> podsWithAffinity,
    List<PodInfo> podsWithRequiredAntiAffinity, Resource requested, Resource nonZeroRequested, Resource allocatable,
    Set<HostPort> usedPorts, Map<String, ImageState> imageStates, long generation) implements NodeInfo {

  public SnapshotNodeInfo {
    pods = List.copyOf(pods);
    podsWithAffinity = List.copyOf(podsWithAffinity);
    podsWithRequiredAntiAffinity = List.copyOf(podsWithRequiredAntiAffinity);
    usedPorts = Set.copyOf(usedPorts);
    imageStates = Map.copyOf(imageStates);
  }

  /** A copy with {@code pod} added, as preemption's "what if" evaluation needs. */
  public SnapshotNodeInfo withPod(PodInfo pod) {
    List<PodInfo> all = new ArrayList<>(pods);
    all.add(pod);
    return rebuild(all);
  }

  /** A copy without the pod of this UID. */
  public SnapshotNodeInfo withoutPod(String uid) {
    List<PodInfo> all = new ArrayList<>(pods);
    all.removeIf(p -> p.uid().equals(uid));
    return rebuild(all);
  }

  private SnapshotNodeInfo rebuild(List<PodInfo> all) {
    Resource req = Resource.ZERO;
    Resource nonZero = Resource.ZERO;
    List<PodInfo> affinity = new ArrayList<>();
    List<PodInfo> anti = new ArrayList<>();
    java.util.Set<HostPort> ports = new java.util.HashSet<>();
    for (PodInfo p : all) {
      req = req.plus(p.requests());
      nonZero = nonZero.plus(p.nonZeroRequests());
      if (PodInfos.hasAffinity(p.pod())) {
        affinity.add(p);
      }
      if (PodInfos.hasRequiredAntiAffinity(p.pod())) {
        anti.add(p);
      }
      ports.addAll(PodInfos.hostPorts(p.pod()));
    }
    req = req.plus(new Resource(0, 0, 0, all.size(), Map.of()));
    return new SnapshotNodeInfo(node, nodeName, all, affinity, anti, req, nonZero, allocatable, ports, imageStates,
        generation);
  }
}
