package io.capstan.plugins.controllers.daemonset;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass of a DaemonSet over the nodes, as Kubernetes' {@code manage} and {@code rollingUpdate}
 * decide it: which nodes need a pod, which pods must go (failed, duplicate, evicting taint, node
 * gone), then which outdated pods to replace within maxUnavailable, or to surge within maxSurge.
 */
final class DaemonSetPlan {

  private final DaemonSet set;
  private final String hash;
  private final List<Node> nodes;
  private final Map<String, List<Pod>> byNode;
  private final Instant now;
  private final int minReady;
  private final List<Pod> deletions = new ArrayList<>();
  private final List<String> creations = new ArrayList<>();
  private final Map<String, List<Pod>> eligible = new HashMap<>();
  private int misscheduled;

  DaemonSetPlan(DaemonSet set, String hash, List<Node> nodes, Map<String, List<Pod>> byNode, Instant now) {
    this.set = set;
    this.hash = hash;
    this.nodes = nodes;
    this.byNode = new HashMap<>(byNode);
    this.now = now;
    this.minReady = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
  }

  List<Pod> deletions() {
    return deletions;
  }

  List<String> creations() {
    return creations;
  }

  void decide() {
    for (Node node : nodes) {
      String name = node.getMetadata().getName();
      List<Pod> live = new ArrayList<>();
      for (Pod pod : byNode.getOrDefault(name, List.of())) {
        if (DaemonSetPods.failed(pod)) {
          deletions.add(pod); // replaced below
        } else if (!DaemonSetPods.terminating(pod)) {
          live.add(pod);
        }
      }
      byNode.remove(name);
      DaemonSetNodes.Fit fit = DaemonSetNodes.fit(set.getSpec().getTemplate().getSpec(), node);
      if (fit.shouldRun()) {
        if (live.isEmpty()) {
          creations.add(name);
        } else if (live.size() > 1 && !surgePair(live)) {
          deletions.addAll(live.subList(1, live.size())); // keep the oldest
          live = new ArrayList<>(live.subList(0, 1));
        }
        eligible.put(name, live);
      } else if (!live.isEmpty()) {
        if (fit.shouldContinueRunning()) {
          misscheduled++;
        } else {
          deletions.addAll(live);
        }
      }
    }
    byNode.values().forEach(deletions::addAll); // pods of nodes that are gone
    if (usesRollingUpdate()) {
      rollingUpdate();
    }
  }

  private boolean surgePair(List<Pod> live) {
    return live.size() == 2 && live.stream().filter(p -> hash.equals(DaemonSetPods.hash(p))).count() == 1;
  }

  private boolean usesRollingUpdate() {
    return set.getSpec().getUpdateStrategy() == null || set.getSpec().getUpdateStrategy().getType() == null
        || "RollingUpdate".equals(set.getSpec().getUpdateStrategy().getType());
  }

  private void rollingUpdate() {
    int desired = eligible.size();
    var params = set.getSpec().getUpdateStrategy() == null ? null : set.getSpec().getUpdateStrategy().getRollingUpdate();
    int maxSurge = scaled(params == null ? null : params.getMaxSurge(), desired, 0);
    int maxUnavailable = scaled(params == null ? null : params.getMaxUnavailable(), desired, 1);
    if (maxSurge == 0 && maxUnavailable == 0) {
      maxUnavailable = 1;
    }
    if (maxSurge == 0) {
      int unavailable = (int) eligible.values().stream()
          .filter(live -> live.stream().noneMatch(p -> DaemonSetPods.available(p, minReady, now))).count();
      int allowed = maxUnavailable - unavailable;
      for (List<Pod> live : eligible.values()) {
        if (live.size() != 1 || hash.equals(DaemonSetPods.hash(live.get(0)))) {
          continue;
        }
        Pod old = live.get(0);
        if (!DaemonSetPods.available(old, minReady, now)) {
          deletions.add(old);
        } else if (allowed > 0) {
          deletions.add(old);
          allowed--;
        }
      }
      return;
    }
    int surging = (int) eligible.values().stream().filter(this::surgePair).count();
    for (Map.Entry<String, List<Pod>> e : eligible.entrySet()) {
      List<Pod> live = e.getValue();
      if (surgePair(live)) {
        Pod fresh = live.stream().filter(p -> hash.equals(DaemonSetPods.hash(p))).findFirst().orElseThrow();
        if (DaemonSetPods.available(fresh, minReady, now)) {
          live.stream().filter(p -> p != fresh).forEach(deletions::add);
        }
      } else if (live.size() == 1 && !hash.equals(DaemonSetPods.hash(live.get(0)))) {
        Pod old = live.get(0);
        if (!DaemonSetPods.available(old, minReady, now)) {
          deletions.add(old);
        } else if (surging < maxSurge) {
          creations.add(e.getKey());
          surging++;
        }
      }
    }
  }

  /** An int-or-percent of {@code total}, rounded up as Kubernetes does for DaemonSets. */
  static int scaled(IntOrString value, int total, int fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal().trim();
    if (text.endsWith("%")) {
      int percent = Integer.parseInt(text.substring(0, text.length() - 1));
      return (int) Math.ceil(percent * total / 100.0);
    }
    return Integer.parseInt(text);
  }

  DaemonSetStatus status() {
    DaemonSetStatus status = new DaemonSetStatus();
    int current = 0;
    int ready = 0;
    int available = 0;
    int updated = 0;
    for (List<Pod> live : eligible.values()) {
      if (live.isEmpty()) {
        continue;
      }
      current++;
      ready += live.stream().anyMatch(DaemonSetPods::ready) ? 1 : 0;
      available += live.stream().anyMatch(p -> DaemonSetPods.available(p, minReady, now)) ? 1 : 0;
      updated += live.stream().anyMatch(p -> hash.equals(DaemonSetPods.hash(p))) ? 1 : 0;
    }
    status.setDesiredNumberScheduled(eligible.size());
    status.setCurrentNumberScheduled(current);
    status.setNumberMisscheduled(misscheduled);
    status.setNumberReady(ready);
    status.setNumberAvailable(available);
    status.setNumberUnavailable(eligible.size() - available);
    status.setUpdatedNumberScheduled(updated);
    status.setObservedGeneration(set.getMetadata().getGeneration());
    return status;
  }

  /** When a ready pod becomes available under minReadySeconds. */
  Optional<Duration> recheck() {
    if (minReady == 0) {
      return Optional.empty();
    }
    boolean waiting = eligible.values().stream().flatMap(List::stream)
        .anyMatch(p -> DaemonSetPods.ready(p) && !DaemonSetPods.available(p, minReady, now));
    return waiting ? Optional.of(Duration.ofSeconds(1)) : Optional.empty();
  }
}
