package io.capstan.runtime.scheduler.framework;

import io.capstan.runtime.scheduler.cache.PodInfos;
import io.capstan.spi.scheduler.HostPort;
import io.capstan.spi.scheduler.ImageState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.Resource;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node as if some more pods ran there (Kubernetes' {@code nodeInfo.Snapshot()} plus
 * {@code AddPodInfo} in {@code addGENominatedPods}): the base node's pods and sums plus the added
 * pods'. Immutable; the base is not changed.
 */
final class NodeInfoWithPods implements NodeInfo {

  private final NodeInfo base;
  private final List<PodInfo> pods;
  private final List<PodInfo> podsWithAffinity;
  private final List<PodInfo> podsWithRequiredAntiAffinity;
  private final Resource requested;
  private final Resource nonZeroRequested;
  private final Set<HostPort> usedPorts;

  NodeInfoWithPods(NodeInfo base, List<PodInfo> added) {
    this.base = base;
    List<PodInfo> all = new ArrayList<>(base.pods());
    List<PodInfo> affinity = new ArrayList<>(base.podsWithAffinity());
    List<PodInfo> anti = new ArrayList<>(base.podsWithRequiredAntiAffinity());
    Set<HostPort> ports = new HashSet<>(base.usedPorts());
    Resource req = base.requested();
    Resource nonZero = base.nonZeroRequested();
    for (PodInfo p : added) {
      all.add(p);
      req = req.plus(p.requests()).plus(new Resource(0, 0, 0, 1, Map.of()));
      nonZero = nonZero.plus(p.nonZeroRequests());
      if (PodInfos.hasAffinity(p.pod())) {
        affinity.add(p);
      }
      if (PodInfos.hasRequiredAntiAffinity(p.pod())) {
        anti.add(p);
      }
      ports.addAll(PodInfos.hostPorts(p.pod()));
    }
    this.pods = List.copyOf(all);
    this.podsWithAffinity = List.copyOf(affinity);
    this.podsWithRequiredAntiAffinity = List.copyOf(anti);
    this.requested = req;
    this.nonZeroRequested = nonZero;
    this.usedPorts = Set.copyOf(ports);
  }

  @Override
  public Node node() {
    return base.node();
  }

  @Override
  public String nodeName() {
    return base.nodeName();
  }

  @Override
  public List<PodInfo> pods() {
    return pods;
  }

  @Override
  public List<PodInfo> podsWithAffinity() {
    return podsWithAffinity;
  }

  @Override
  public List<PodInfo> podsWithRequiredAntiAffinity() {
    return podsWithRequiredAntiAffinity;
  }

  @Override
  public Resource requested() {
    return requested;
  }

  @Override
  public Resource nonZeroRequested() {
    return nonZeroRequested;
  }

  @Override
  public Resource allocatable() {
    return base.allocatable();
  }

  @Override
  public Set<HostPort> usedPorts() {
    return usedPorts;
  }

  @Override
  public Map<String, ImageState> imageStates() {
    return base.imageStates();
  }

  @Override
  public long generation() {
    return base.generation();
  }
}
