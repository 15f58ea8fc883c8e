package io.capstan.plugins.scheduler.noderesourcesfit;

import io.capstan.plugins.scheduler.noderesourcesfit.NodeResourcesFitArgs.ResourceSpec;
import io.capstan.plugins.scheduler.noderesourcesfit.NodeResourcesFitArgs.ScoringStrategy;
import io.capstan.plugins.scheduler.noderesourcesfit.NodeResourcesFitArgs.UtilizationShapePoint;
import io.capstan.spi.scheduler.NodeScore;
import java.util.List;

/**
 * The three scoring strategies of NodeResourcesFit, with Kubernetes' integer arithmetic
 * ({@code least_allocated.go}, {@code most_allocated.go}, {@code requested_to_capacity_ratio.go}).
 * Resources whose allocatable is 0 are skipped in both sums.
 */
final class ResourceScorer {

  private final String type;
  private final List<ResourceSpec> resources;
  private final List<UtilizationShapePoint> shape;

  ResourceScorer(ScoringStrategy strategy) {
    this.type = strategy.type();
    this.resources = strategy.resources();
    this.shape = strategy.requestedToCapacityRatio() == null ? List.of()
        : strategy.requestedToCapacityRatio().shape();
  }

  List<ResourceSpec> resources() {
    return resources;
  }

  long score(long[] requested, long[] allocatable) {
    return score(requested, allocatable, requested.length);
  }

  /** The score over the first {@code n} resources of the arrays. */
  long score(long[] requested, long[] allocatable, int n) {
    long nodeScore = 0;
    long weightSum = 0;
    boolean ratio = type.equals(NodeResourcesFitArgs.REQUESTED_TO_CAPACITY_RATIO);
    for (int i = 0; i < n; i++) {
      if (allocatable[i] == 0) {
        continue;
      }
      long weight = resources.get(i).weight();
      long s = switch (type) {
        case NodeResourcesFitArgs.MOST_ALLOCATED -> mostRequested(requested[i], allocatable[i]);
        case NodeResourcesFitArgs.REQUESTED_TO_CAPACITY_RATIO -> brokenLine(
            requested[i] > allocatable[i] ? 100 : requested[i] * 100 / allocatable[i]);
        default -> leastRequested(requested[i], allocatable[i]);
      };
      if (ratio && s <= 0) {
        continue; // RequestedToCapacityRatio counts only resources scoring above 0
      }
      nodeScore += s * weight;
      weightSum += weight;
    }
    if (weightSum == 0) {
      return 0;
    }
    return ratio ? Math.round((double) nodeScore / weightSum) : nodeScore / weightSum;
  }

  /** {@code (cap - req)·100/cap}, 0 when over capacity. */
  static long leastRequested(long requested, long capacity) {
    if (capacity == 0 || requested > capacity) {
      return 0;
    }
    return (capacity - requested) * NodeScore.MAX_NODE_SCORE / capacity;
  }

  /** {@code min(req, cap)·100/cap}: over capacity counts as full (defaults can exceed it). */
  static long mostRequested(long requested, long capacity) {
    if (capacity == 0) {
      return 0;
    }
    return Math.min(requested, capacity) * NodeScore.MAX_NODE_SCORE / capacity;
  }

  /** Kubernetes' {@code BuildBrokenLinearFunction} over the shape scaled by 10. */
  long brokenLine(long p) {
    for (int i = 0; i < shape.size(); i++) {
      if (p <= shape.get(i).utilization()) {
        if (i == 0) {
          return shape.get(0).score() * 10L;
        }
        long s0 = shape.get(i - 1).score() * 10L;
        long s1 = shape.get(i).score() * 10L;
        long u0 = shape.get(i - 1).utilization();
        long u1 = shape.get(i).utilization();
        return s0 + (s1 - s0) * (p - u0) / (u1 - u0);
      }
    }
    return shape.get(shape.size() - 1).score() * 10L;
  }
}
