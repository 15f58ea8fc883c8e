package io.capstan.plugins.scheduler.defaultpreemption;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.capstan.spi.plugin.InvalidConfigException;

/**
 * Kubernetes' {@code DefaultPreemptionArgs}: how many candidate nodes to evaluate at least, as a
 * percentage of the nodes where preemption might help (default 10) and as an absolute number
 * (default 100); the larger wins, capped at the number of such nodes.
 */
@JsonIgnoreProperties({"apiVersion", "kind"})
public record DefaultPreemptionArgs(Integer minCandidateNodesPercentage,
    Integer minCandidateNodesAbsolute) {

  public DefaultPreemptionArgs {
    minCandidateNodesPercentage = minCandidateNodesPercentage == null ? 10 : minCandidateNodesPercentage;
    minCandidateNodesAbsolute = minCandidateNodesAbsolute == null ? 100 : minCandidateNodesAbsolute;
    if (minCandidateNodesPercentage < 0 || minCandidateNodesPercentage > 100) {
      throw new InvalidConfigException("minCandidateNodesPercentage",
          "must be in 0..100, was " + minCandidateNodesPercentage);
    }
    if (minCandidateNodesAbsolute < 0) {
      throw new InvalidConfigException("minCandidateNodesAbsolute",
          "must not be negative, was " + minCandidateNodesAbsolute);
    }
    if (minCandidateNodesPercentage == 0 && minCandidateNodesAbsolute == 0) {
      throw new InvalidConfigException("minCandidateNodesAbsolute",
          "minCandidateNodesPercentage and minCandidateNodesAbsolute cannot both be 0");
    }
  }

  public static DefaultPreemptionArgs defaults() {
    return new DefaultPreemptionArgs(null, null);
  }

  /** Kubernetes' {@code calculateNumCandidates}. */
  int numCandidates(int numNodes) {
    int n = numNodes * minCandidateNodesPercentage / 100;
    if (n < minCandidateNodesAbsolute) {
      n = minCandidateNodesAbsolute;
    }
    return Math.min(n, numNodes);
  }
}
