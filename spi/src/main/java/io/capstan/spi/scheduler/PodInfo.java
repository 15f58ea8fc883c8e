package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * A pod with what the framework computed from it once, so plugins need not recompute it per node.
 *
 * @param pod the pod, read-only (it came from the informer cache; copy it before changing it)
 * @param requests the effective request (Kubernetes' {@code PodRequests}: containers, init
 *     containers and overhead), without defaults; used by the fit filter and BalancedAllocation
 * @param nonZeroRequests the same with Kubernetes' defaults (100m CPU, 200 MiB) for containers that
 *     leave cpu or memory unset; used by the NodeResourcesFit score
 */
public record PodInfo(Pod pod, Resource requests, Resource nonZeroRequests) {

  public PodInfo {
    requireNonNull(pod, "pod");
    requireNonNull(requests, "requests");
    requireNonNull(nonZeroRequests, "nonZeroRequests");
  }

  /** {@code namespace/name}, the key used in logs and queues. */
  public String key() {
    var meta = pod.getMetadata();
    return meta == null ? "<no metadata>" : meta.getNamespace() + "/" + meta.getName();
  }

  /** The pod's UID, the identity the framework uses for waiting and assumed pods. */
  public String uid() {
    return pod.getMetadata() == null ? "" : String.valueOf(pod.getMetadata().getUid());
  }
}
