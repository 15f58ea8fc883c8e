package io.capstan.plugins.scheduler.defaultpreemption;

import io.capstan.spi.scheduler.PodInfo;
import java.util.List;

/**
 * A node where evicting {@code victims} (most important first) lets the pod fit, and how many of
 * them a PodDisruptionBudget protects.
 */
record Candidate(String nodeName, List<PodInfo> victims, int numPdbViolations) {
  Candidate {
    victims = List.copyOf(victims);
  }
}
