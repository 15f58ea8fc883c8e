package io.capstan.plugins.scheduler.interpodaffinity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.capstan.spi.plugin.InvalidConfigException;

/**
 * Kubernetes' {@code InterPodAffinityArgs}.
 *
 * @param hardPodAffinityWeight the score weight of existing pods' <em>required</em> affinity
 *     terms that the incoming pod matches, 0..100, default 1
 * @param ignorePreferredTermsOfExistingPods do not score by existing pods' preferred terms (and
 *     skip scoring for pods without preferred terms)
 */
@JsonIgnoreProperties({"apiVersion", "kind"})
public record InterPodAffinityArgs(Integer hardPodAffinityWeight,
    boolean ignorePreferredTermsOfExistingPods) {

  public InterPodAffinityArgs {
    hardPodAffinityWeight = hardPodAffinityWeight == null ? 1 : hardPodAffinityWeight;
    if (hardPodAffinityWeight < 0 || hardPodAffinityWeight > 100) {
      throw new InvalidConfigException("hardPodAffinityWeight",
          "must be in 0..100, was " + hardPodAffinityWeight);
    }
  }

  public static InterPodAffinityArgs defaults() {
    return new InterPodAffinityArgs(null, false);
  }
}
