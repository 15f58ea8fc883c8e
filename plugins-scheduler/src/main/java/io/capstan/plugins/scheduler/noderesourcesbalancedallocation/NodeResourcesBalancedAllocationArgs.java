package io.capstan.plugins.scheduler.noderesourcesbalancedallocation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.capstan.spi.plugin.InvalidConfigException;
import java.util.List;

/**
 * Kubernetes' {@code NodeResourcesBalancedAllocationArgs}.
 *
 * @param resources the resources balanced; default cpu and memory. Weights are accepted (1..100,
 *     0 means 1) but, as in Kubernetes, not used by the formula.
 */
@JsonIgnoreProperties({"apiVersion", "kind"})
public record NodeResourcesBalancedAllocationArgs(List<ResourceSpec> resources) {

  public NodeResourcesBalancedAllocationArgs {
    resources = resources == null || resources.isEmpty()
        ? List.of(new ResourceSpec("cpu", 1L), new ResourceSpec("memory", 1L))
        : List.copyOf(resources);
    for (int i = 0; i < resources.size(); i++) {
      long w = resources.get(i).weight();
      if (w < 1 || w > 100) {
        throw new InvalidConfigException("resources[" + i + "].weight",
            "resource weight " + w + " must be in 1..100");
      }
    }
  }

  public static NodeResourcesBalancedAllocationArgs defaults() {
    return new NodeResourcesBalancedAllocationArgs(null);
  }

  /** A resource and its weight (0 or absent means 1). */
  public record ResourceSpec(String name, Long weight) {
    public ResourceSpec {
      if (name == null || name.isEmpty()) {
        throw new InvalidConfigException("resources[].name", "name the resource");
      }
      weight = weight == null || weight == 0 ? 1L : weight;
    }
  }
}
