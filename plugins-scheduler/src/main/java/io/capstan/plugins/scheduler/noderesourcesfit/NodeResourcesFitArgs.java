package io.capstan.plugins.scheduler.noderesourcesfit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.capstan.spi.plugin.InvalidConfigException;
import java.util.List;

/**
 * Kubernetes' {@code NodeResourcesFitArgs} (kubescheduler.config.k8s.io/v1), same field names.
 *
 * @param ignoredResources extended resources the filter does not check
 * @param ignoredResourceGroups extended resource prefixes ({@code example.com} for {@code
 *     example.com/foo}) the filter does not check
 * @param scoringStrategy how the score ranks nodes; default LeastAllocated over cpu and memory,
 *     weight 1 each
 */
@JsonIgnoreProperties({"apiVersion", "kind"})
public record NodeResourcesFitArgs(List<String> ignoredResources, List<String> ignoredResourceGroups,
    ScoringStrategy scoringStrategy) {

  public static final String LEAST_ALLOCATED = "LeastAllocated";
  public static final String MOST_ALLOCATED = "MostAllocated";
  public static final String REQUESTED_TO_CAPACITY_RATIO = "RequestedToCapacityRatio";
  /** The default resources: cpu and memory with weight 1. */
  public static final List<ResourceSpec> DEFAULT_RESOURCES =
      List.of(new ResourceSpec("cpu", 1L), new ResourceSpec("memory", 1L));

  public NodeResourcesFitArgs {
    ignoredResources = ignoredResources == null ? List.of() : List.copyOf(ignoredResources);
    ignoredResourceGroups = ignoredResourceGroups == null ? List.of()
        : List.copyOf(ignoredResourceGroups);
    scoringStrategy = scoringStrategy == null ? new ScoringStrategy(null, null, null) : scoringStrategy;
  }

  public static NodeResourcesFitArgs defaults() {
    return new NodeResourcesFitArgs(null, null, null);
  }

  /**
   * @param type LeastAllocated (default), MostAllocated or RequestedToCapacityRatio
   * @param resources the resources scored and their weights (1..100; 0 means 1)
   * @param requestedToCapacityRatio the shape, required for RequestedToCapacityRatio
   */
  public record ScoringStrategy(String type, List<ResourceSpec> resources,
      RequestedToCapacityRatioParam requestedToCapacityRatio) {
    public ScoringStrategy {
      type = type == null || type.isEmpty() ? LEAST_ALLOCATED : type;
      if (!List.of(LEAST_ALLOCATED, MOST_ALLOCATED, REQUESTED_TO_CAPACITY_RATIO).contains(type)) {
        throw new InvalidConfigException("scoringStrategy.type", "'" + type + "' is not a scoring "
            + "strategy; use LeastAllocated, MostAllocated or RequestedToCapacityRatio");
      }
      resources = resources == null || resources.isEmpty() ? DEFAULT_RESOURCES
          : List.copyOf(resources);
      for (int i = 0; i < resources.size(); i++) {
        long w = resources.get(i).weight();
        if (w < 1 || w > 100) {
          throw new InvalidConfigException("scoringStrategy.resources[" + i + "].weight",
              "resource weight " + w + " must be in 1..100 (MaxNodeScore)");
        }
      }
      if (type.equals(REQUESTED_TO_CAPACITY_RATIO)) {
        if (requestedToCapacityRatio == null || requestedToCapacityRatio.shape().isEmpty()) {
          throw new InvalidConfigException("scoringStrategy.requestedToCapacityRatio.shape",
              "RequestedToCapacityRatio needs a shape, e.g. [{utilization: 0, score: 10}, "
                  + "{utilization: 100, score: 0}]");
        }
      }
    }
  }

  /** A resource and its weight; weight 0 or absent means 1, as Kubernetes' defaulting. */
  public record ResourceSpec(String name, Long weight) {
    public ResourceSpec {
      if (name == null || name.isEmpty()) {
        throw new InvalidConfigException("scoringStrategy.resources[].name", "name the resource");
      }
      weight = weight == null || weight == 0 ? 1L : weight;
    }
  }

  /** @param shape points of increasing utilization (0..100) with scores (0..10) */
  public record RequestedToCapacityRatioParam(List<UtilizationShapePoint> shape) {
    public RequestedToCapacityRatioParam {
      shape = shape == null ? List.of() : List.copyOf(shape);
      for (int i = 0; i < shape.size(); i++) {
        UtilizationShapePoint p = shape.get(i);
        if (p.utilization() < 0 || p.utilization() > 100) {
          throw new InvalidConfigException("requestedToCapacityRatio.shape[" + i + "].utilization",
              "utilization must be in 0..100, was " + p.utilization());
        }
        if (p.score() < 0 || p.score() > 10) {
          throw new InvalidConfigException("requestedToCapacityRatio.shape[" + i + "].score",
              "score must be in 0..10 (MaxCustomPriorityScore), was " + p.score());
        }
        if (i > 0 && p.utilization() <= shape.get(i - 1).utilization()) {
          throw new InvalidConfigException("requestedToCapacityRatio.shape[" + i + "].utilization",
              "utilization values must be strictly increasing");
        }
      }
    }
  }

  public record UtilizationShapePoint(int utilization, int score) {}
}
