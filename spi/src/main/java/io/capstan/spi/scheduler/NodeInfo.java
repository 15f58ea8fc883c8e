package io.capstan.spi.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of one node and what is placed on it, taken from the scheduler's snapshot at the
 * start of the cycle (Kubernetes' {@code framework.NodeInfo}). It does not change during the cycle,
 * so plugins may read it from any thread without locking; they must not modify the node or pod
 * objects it returns. The pods include those assumed or nominated by earlier cycles that have not
 * been bound yet.
 *
 * <p>Implemented by the framework. During preemption a plugin's {@link PreFilterExtensions} may be
 * handed a copy with pods added or removed.
 */
public interface NodeInfo {

  /** The node object. */
  Node node();

  /** The node's {@code metadata.name}. */
  default String nodeName() {
    return node().getMetadata().getName();
  }

  /** Every pod on the node, in no particular order. */
  List<PodInfo> pods();

  /** The pods with any (anti-)affinity term, for InterPodAffinity. */
  List<PodInfo> podsWithAffinity();

  /** The pods with required anti-affinity terms, for InterPodAffinity's filter. */
  List<PodInfo> podsWithRequiredAntiAffinity();

  /** The sum of the pods' actual requests (no defaults), {@code allowedPodNumber} = pod count. */
  Resource requested();

  /** The sum of the pods' requests with defaults applied; see {@link PodInfo#nonZeroRequests()}. */
  Resource nonZeroRequested();

  /** The node's {@code status.allocatable}. */
  Resource allocatable();

  /** The host ports claimed by the pods on the node. */
  Set<HostPort> usedPorts();

  /** The images present on the node by every name they are known by, with their cluster spread. */
  Map<String, ImageState> imageStates();

  /**
   * A number that grows whenever this node's entry changes; equal generations mean equal content.
   * Lets a plugin cache per-node results across cycles.
   */
  long generation();
}
