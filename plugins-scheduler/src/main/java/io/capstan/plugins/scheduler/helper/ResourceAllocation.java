package io.capstan.plugins.scheduler.helper;

import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.Resource;

/**
 * Kubernetes' {@code resourceAllocationScorer.calculateResourceAllocatableRequest}: one resource's
 * allocatable amount on a node and the amount requested there including the incoming pod.
 */
public final class ResourceAllocation {

  private ResourceAllocation() {}

  /** A resource's allocatable and requested amounts; allocatable 0 means "skip this resource". */
  public record Amounts(long allocatable, long requested) {
    public static final Amounts SKIP = new Amounts(0, 0);
  }

  /**
   * @param useRequested {@code true} for actual requests (BalancedAllocation), {@code false} for
   *     the non-zero requests (cpu/memory defaults, NodeResourcesFit's score)
   * @param podRequest the incoming pod's request of this resource, computed the same way
   */
  public static Amounts amounts(NodeInfo nodeInfo, String resource, long podRequest,
      boolean useRequested) {
    Resource requested = useRequested ? nodeInfo.requested() : nodeInfo.nonZeroRequested();
    Resource allocatable = nodeInfo.allocatable();
    switch (resource) {
      case "cpu":
        return new Amounts(allocatable.milliCpu(), requested.milliCpu() + podRequest);
      case "memory":
        return new Amounts(allocatable.memory(), requested.memory() + podRequest);
      case "ephemeral-storage":
        return new Amounts(allocatable.ephemeralStorage(),
            nodeInfo.requested().ephemeralStorage() + podRequest);
      default:
        if (podRequest == 0 || !allocatable.scalarResources().containsKey(resource)) {
          return Amounts.SKIP; // an extended resource the pod does not ask for is not scored
        }
        return new Amounts(allocatable.scalar(resource),
            nodeInfo.requested().scalar(resource) + podRequest);
    }
  }

  /**
   * {@link #amounts(NodeInfo, String, long, boolean)} into {@code allocatable[i]} and
   * {@code requested[i]} (both 0 for "skip this resource"), without allocating.
   */
  public static void amounts(NodeInfo nodeInfo, String resource, long podRequest, boolean useRequested,
      long[] allocatable, long[] requested, int i) {
    Resource used = useRequested ? nodeInfo.requested() : nodeInfo.nonZeroRequested();
    Resource alloc = nodeInfo.allocatable();
    switch (resource) {
      case "cpu" -> {
        allocatable[i] = alloc.milliCpu();
        requested[i] = used.milliCpu() + podRequest;
      }
      case "memory" -> {
        allocatable[i] = alloc.memory();
        requested[i] = used.memory() + podRequest;
      }
      case "ephemeral-storage" -> {
        allocatable[i] = alloc.ephemeralStorage();
        requested[i] = nodeInfo.requested().ephemeralStorage() + podRequest;
      }
      default -> {
        if (podRequest == 0 || !alloc.scalarResources().containsKey(resource)) {
          allocatable[i] = 0;
          requested[i] = 0;
        } else {
          allocatable[i] = alloc.scalar(resource);
          requested[i] = nodeInfo.requested().scalar(resource) + podRequest;
        }
      }
    }
    if (allocatable[i] == 0) {
      requested[i] = 0;
    }
  }

  /** One resource of a pod's request by its Kubernetes name. */
  public static long request(Resource podRequest, String resource) {
    return switch (resource) {
      case "cpu" -> podRequest.milliCpu();
      case "memory" -> podRequest.memory();
      case "ephemeral-storage" -> podRequest.ephemeralStorage();
      case "pods" -> podRequest.allowedPodNumber();
      default -> podRequest.scalar(resource);
    };
  }
}
