package io.capstan.plugins.scheduler.defaultpreemption;

import io.capstan.spi.scheduler.HostPort;
import io.capstan.spi.scheduler.ImageState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.Resource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A private, mutable copy of a node's info for "what if these pods were gone" (Kubernetes'
 * {@code nodeInfo.Snapshot()} + {@code RemovePod}/{@code AddPod}). Used by one thread at a time.
 * Every change takes a fresh generation from a range no snapshot uses, so plugins that cache by
 * generation never mistake it for the original.
 */
final class PreemptionNodeInfo implements NodeInfo {

  private static final AtomicLong GENERATIONS = new AtomicLong(Long.MIN_VALUE / 2);

  private final NodeInfo original;
  private final List<PodInfo> pods;
  private long generation = GENERATIONS.incrementAndGet();

  PreemptionNodeInfo(NodeInfo original) {
    this.original = original;
    this.pods = new ArrayList<>(original.pods());
  }

  void removePod(PodInfo pod) {
    pods.removeIf(p -> p.uid().equals(pod.uid()) && p.key().equals(pod.key()));
    generation = GENERATIONS.incrementAndGet();
  }

  void addPod(PodInfo pod) {
    pods.add(pod);
    generation = GENERATIONS.incrementAndGet();
  }

  @Override
  public Node node() {
    return original.node();
  }

  @Override
  public List<PodInfo> pods() {
    return List.copyOf(pods);
  }

  @Override
  public List<PodInfo> podsWithAffinity() {
    return pods.stream().filter(p -> p.pod().getSpec().getAffinity() != null
        && (p.pod().getSpec().getAffinity().getPodAffinity() != null
            || p.pod().getSpec().getAffinity().getPodAntiAffinity() != null)).toList();
  }

  @Override
  public List<PodInfo> podsWithRequiredAntiAffinity() {
    return pods.stream().filter(p -> {
      var a = p.pod().getSpec().getAffinity();
      return a != null && a.getPodAntiAffinity() != null
          && a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null
          && !a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().isEmpty();
    }).toList();
  }

  @Override
  public Resource requested() {
    return sum(false);
  }

  @Override
  public Resource nonZeroRequested() {
    return sum(true);
  }

  private Resource sum(boolean nonZero) {
    Resource r = Resource.ZERO;
    for (PodInfo p : pods) {
      r = r.plus(nonZero ? p.nonZeroRequests() : p.requests());
    }
    return new Resource(r.milliCpu(), r.memory(), r.ephemeralStorage(), pods.size(),
        r.scalarResources());
  }

  @Override
  public Resource allocatable() {
    return original.allocatable();
  }

  @Override
  public Set<HostPort> usedPorts() {
    Set<HostPort> ports = new HashSet<>();
    for (PodInfo p : pods) {
      if (p.pod().getSpec() == null || p.pod().getSpec().getContainers() == null) {
        continue;
      }
      for (Container c : p.pod().getSpec().getContainers()) {
        for (ContainerPort port : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
          if (port.getHostPort() != null && port.getHostPort() > 0) {
            ports.add(new HostPort(port.getHostIP() == null ? "" : port.getHostIP(),
                port.getProtocol() == null ? "" : port.getProtocol(), port.getHostPort()));
          }
        }
      }
    }
    return ports;
  }

  @Override
  public Map<String, ImageState> imageStates() {
    return original.imageStates();
  }

  @Override
  public long generation() {
    return generation;
  }
}
