package io.capstan.plugins.scheduler.nodeaffinity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' {@code NodeAffinityArgs}.
 *
 * @param addedAffinity node affinity every pod of the profile must also satisfy (required terms,
 *     checked as UNSCHEDULABLE_AND_UNRESOLVABLE) and is scored by (preferred terms); absent means
 *     none (an empty {@code NodeAffinity})
 */
@JsonIgnoreProperties({"apiVersion", "kind"})
public record NodeAffinityArgs(NodeAffinity addedAffinity) {

  public NodeAffinityArgs {
    addedAffinity = addedAffinity == null ? new NodeAffinity() : addedAffinity;
  }

  /** No added affinity. */
  public static NodeAffinityArgs defaults() {
    return new NodeAffinityArgs(null);
  }

  Optional<NodeSelector> addedRequired() {
    return Optional.ofNullable(addedAffinity.getRequiredDuringSchedulingIgnoredDuringExecution());
  }

  List<PreferredSchedulingTerm> addedPreferred() {
    List<PreferredSchedulingTerm> p = addedAffinity.getPreferredDuringSchedulingIgnoredDuringExecution();
    return p == null ? List.of() : p;
  }
}
