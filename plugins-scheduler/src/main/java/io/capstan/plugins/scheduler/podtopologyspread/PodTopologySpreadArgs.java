package io.capstan.plugins.scheduler.podtopologyspread;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.capstan.spi.plugin.InvalidConfigException;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;

/**
 * Kubernetes' {@code PodTopologySpreadArgs}.
 *
 * @param defaultConstraints constraints for pods that set none, used when {@code defaultingType}
 *     is {@code List}; they must not set a label selector (it is derived from the pod's Services,
 *     ReplicationControllers, ReplicaSets and StatefulSets)
 * @param defaultingType {@code System} (default: Kubernetes' built-in constraints, hostname maxSkew
 *     3 and zone maxSkew 5, both ScheduleAnyway) or {@code List} ({@code defaultConstraints})
 */
@JsonIgnoreProperties({"apiVersion", "kind"})
public record PodTopologySpreadArgs(List<TopologySpreadConstraint> defaultConstraints,
    String defaultingType) {

  public static final String SYSTEM = "System";
  public static final String LIST = "List";

  public PodTopologySpreadArgs {
    defaultConstraints = defaultConstraints == null ? List.of() : List.copyOf(defaultConstraints);
    defaultingType = defaultingType == null || defaultingType.isEmpty() ? SYSTEM : defaultingType;
    if (!defaultingType.equals(SYSTEM) && !defaultingType.equals(LIST)) {
      throw new InvalidConfigException("defaultingType",
          "'" + defaultingType + "' is not a defaulting type; use System or List");
    }
    if (defaultingType.equals(SYSTEM) && !defaultConstraints.isEmpty()) {
      throw new InvalidConfigException("defaultConstraints",
          "defaultConstraints must be empty when defaultingType is System; set defaultingType: List");
    }
    for (int i = 0; i < defaultConstraints.size(); i++) {
      TopologySpreadConstraint c = defaultConstraints.get(i);
      if (c.getLabelSelector() != null) {
        throw new InvalidConfigException("defaultConstraints[" + i + "].labelSelector",
            "default constraints must not set a label selector; it is derived from the pod's owners");
      }
      if (c.getMaxSkew() == null || c.getMaxSkew() < 1) {
        throw new InvalidConfigException("defaultConstraints[" + i + "].maxSkew",
            "maxSkew must be at least 1");
      }
      if (c.getTopologyKey() == null || c.getTopologyKey().isEmpty()) {
        throw new InvalidConfigException("defaultConstraints[" + i + "].topologyKey",
            "name a topology key, e.g. topology.kubernetes.io/zone");
      }
    }
  }

  public static PodTopologySpreadArgs defaults() {
    return new PodTopologySpreadArgs(null, null);
  }
}
