package io.capstan.runtime.scheduler.framework;

import io.capstan.spi.scheduler.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why no node fits (Kubernetes' {@code FitError} and {@code Diagnosis}), with Kubernetes' message:
 * {@code 0/5 nodes are available: 2 node(s) had untolerated taint {k: v}, 3 Insufficient cpu.
 * preemption: ...} — reasons counted over nodes and sorted as strings.
 *
 * @param numAllNodes the nodes in the snapshot
 * @param nodeStatuses the nodes that were filtered, with their rejection
 * @param absentStatus the status of nodes never filtered (left out by a PreFilter result or a
 *     PreFilter rejection), counted as {@code numAllNodes - nodeStatuses.size()}
 * @param preFilterMessage the PreFilter rejection, if that is what failed
 * @param postFilterMessage what PostFilter (preemption) said, if it ran
 */
public record FitError(int numAllNodes, Map<String, Status> nodeStatuses, Optional<Status> absentStatus,
    Optional<String> preFilterMessage, Optional<String> postFilterMessage) {

  public FitError withPostFilterMessage(String message) {
    return new FitError(numAllNodes, nodeStatuses, absentStatus, preFilterMessage,
        message == null || message.isEmpty() ? Optional.empty() : Optional.of(message));
  }

  /** Every plugin that rejected some node: the queue requeues the pod on their events. */
  public Set<String> unschedulablePlugins() {
    Set<String> out = new TreeSet<>();
    nodeStatuses.values().forEach(s -> s.plugin().ifPresent(out::add));
    absentStatus.flatMap(Status::plugin).ifPresent(out::add);
    return out;
  }

  public String message() {
    StringBuilder out = new StringBuilder("0/" + numAllNodes + " nodes are available:");
    if (preFilterMessage.isPresent()) {
      out.append(' ').append(preFilterMessage.get()).append('.');
    } else {
      Map<String, Integer> reasons = new HashMap<>();
      for (Status s : nodeStatuses.values()) {
        for (String r : s.reasons()) {
          reasons.merge(r, 1, Integer::sum);
        }
      }
      int absent = numAllNodes - nodeStatuses.size();
      if (absent > 0 && absentStatus.isPresent()) {
        for (String r : absentStatus.get().reasons()) {
          reasons.merge(r, absent, Integer::sum);
        }
      }
      List<String> histogram = new ArrayList<>();
      reasons.forEach((r, n) -> histogram.add(n + " " + r));
      histogram.sort(null);
      if (!histogram.isEmpty()) {
        out.append(' ').append(String.join(", ", histogram)).append('.');
      }
    }
    postFilterMessage.ifPresent(m -> out.append(' ').append(m).append('.'));
    return out.toString();
  }

  /** Every node's status, absent nodes included, as PostFilter plugins receive it. */
  public Map<String, Status> allStatuses(List<String> allNodeNames) {
    Map<String, Status> out = new HashMap<>(nodeStatuses);
    absentStatus.ifPresent(s -> allNodeNames.forEach(n -> out.putIfAbsent(n, s)));
    return out;
  }
}
