package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link PreFilterPlugin} returns: its status and, optionally, the only nodes worth
 * filtering (NodeAffinity narrows to the nodes named by a {@code metadata.name} selector, for
 * instance). Nodes left out are treated as UNSCHEDULABLE_AND_UNRESOLVABLE without running filters.
 *
 * @param nodeNames the candidate nodes, or empty for "all nodes"
 * @param status SUCCESS, SKIP (this plugin's Filter and extensions are not needed for this pod) or
 *     a rejection/error that ends the cycle for the pod
 */
public record PreFilterResult(Optional<Set<String>> nodeNames, Status status) {

  public PreFilterResult {
    requireNonNull(nodeNames, "nodeNames");
    nodeNames = nodeNames.map(Set::copyOf);
    requireNonNull(status, "status");
  }

  /** Success, all nodes remain candidates. */
  public static PreFilterResult allNodes() {
    return new PreFilterResult(Optional.empty(), Status.success());
  }

  /** Success, only {@code nodeNames} remain candidates. */
  public static PreFilterResult nodes(Set<String> nodeNames) {
    return new PreFilterResult(Optional.of(nodeNames), Status.success());
  }

  /** The plugin does not apply to this pod: its Filter and PreFilterExtensions are skipped. */
  public static PreFilterResult skip() {
    return new PreFilterResult(Optional.empty(), Status.skip());
  }

  /** A non-success outcome without node narrowing. */
  public static PreFilterResult of(Status status) {
    return new PreFilterResult(Optional.empty(), status);
  }

  /** Whether every node is still a candidate. */
  public boolean allNodesRemain() {
    return nodeNames.isEmpty();
  }

  /**
   * The candidates that both results allow (Kubernetes' {@code PreFilterResult.Merge}): "all" is
   * the identity, two sets intersect. The status of the result is this one's.
   */
  public PreFilterResult mergeNodes(PreFilterResult other) {
    requireNonNull(other, "other");
    if (other.nodeNames.isEmpty()) {
      return this;
    }
    if (nodeNames.isEmpty()) {
      return new PreFilterResult(other.nodeNames, status);
    }
    Set<String> both = new HashSet<>(nodeNames.get());
    both.retainAll(other.nodeNames.get());
    return new PreFilterResult(Optional.of(both), status);
  }
}
