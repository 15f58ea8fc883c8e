package io.capstan.plugins.controllers.statefulset;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What one reconcile of a StatefulSet does, decided from the cached pods as Kubernetes'
 * {@code defaultStatefulSetControl.updateStatefulSet} does: replace finished pods, create missing
 * ordinals, remove condemned ones highest first, then roll one pod (highest outdated ordinal at or
 * above the partition) once every pod is ready.
 */
final class StatefulSetPlan {

  private final StatefulSet set;
  private final TreeMap<Integer, Pod> pods;
  private final String currentRevision;
  private final String updateRevision;
  private final PodTemplateSpec currentTemplate;
  private final Instant now;
  private final int replicas;
  private final boolean parallel;
  private final List<Pod> deletions = new ArrayList<>();
  private final List<Integer> creations = new ArrayList<>();

  StatefulSetPlan(StatefulSet set, TreeMap<Integer, Pod> pods, String currentRevision, String updateRevision,
      PodTemplateSpec currentTemplate, Instant now) {
    this.set = set;
    this.pods = pods;
    this.currentRevision = currentRevision;
    this.updateRevision = updateRevision;
    this.currentTemplate = currentTemplate;
    this.now = now;
    this.replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
    this.parallel = "Parallel".equals(set.getSpec().getPodManagementPolicy());
  }

  List<Pod> deletions() {
    return deletions;
  }

  List<Integer> creations() {
    return creations;
  }

  boolean rollingUpdate() {
    return set.getSpec().getUpdateStrategy() == null || set.getSpec().getUpdateStrategy().getType() == null
        || "RollingUpdate".equals(set.getSpec().getUpdateStrategy().getType());
  }

  int partition() {
    if (set.getSpec().getUpdateStrategy() == null || set.getSpec().getUpdateStrategy().getRollingUpdate() == null
        || set.getSpec().getUpdateStrategy().getRollingUpdate().getPartition() == null) {
      return 0;
    }
    return set.getSpec().getUpdateStrategy().getRollingUpdate().getPartition();
  }

  /** Ordinals below the partition keep the current revision under RollingUpdate; everything else gets the update. */
  String revisionFor(int ordinal) {
    return rollingUpdate() && ordinal < partition() ? currentRevision : updateRevision;
  }

  PodTemplateSpec templateFor(int ordinal) {
    return revisionFor(ordinal).equals(updateRevision) ? set.getSpec().getTemplate() : currentTemplate;
  }

  void decide() {
    // 1. ordinals that should exist, in order
    for (int i = 0; i < replicas; i++) {
      Pod pod = pods.get(i);
      if (pod == null) {
        creations.add(i);
        if (!parallel) {
          return;
        }
        continue;
      }
      if (StatefulSetPods.finished(pod) && !StatefulSetPods.terminating(pod)) {
        deletions.add(pod); // recreated on a later pass
        if (!parallel) {
          return;
        }
        continue;
      }
      if (!parallel && (StatefulSetPods.terminating(pod) || !StatefulSetPods.runningAndReady(pod))) {
        return; // OrderedReady: wait for this one before touching the next
      }
    }
    // 2. condemned ordinals, highest first
    List<Pod> condemned = new ArrayList<>(pods.tailMap(replicas, true).descendingMap().values());
    for (Pod pod : condemned) {
      if (StatefulSetPods.terminating(pod)) {
        if (!parallel) {
          return;
        }
        continue;
      }
      deletions.add(pod);
      if (!parallel) {
        return;
      }
    }
    if (!condemned.isEmpty() || !rollingUpdate()) {
      return;
    }
    // 3. rolling update (updateStatefulSetAfterInvariantEstablished): count the unavailable pods of
    // ordinals 0..replicas-1 (missing, being replaced, terminating, not yet available); while fewer than
    // maxUnavailable, delete outdated pods highest ordinal first down to the partition
    int minReady = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
    int unavailable = 0;
    for (int i = 0; i < replicas; i++) {
      Pod pod = pods.get(i);
      if (pod == null || creations.contains(i) || deletions.contains(pod) || StatefulSetPods.terminating(pod)
          || !StatefulSetPods.runningAndReady(pod) || !StatefulSetPods.available(pod, minReady, now)) {
        unavailable++;
      }
    }
    int budget = maxUnavailable() - unavailable;
    for (int i = replicas - 1; i >= partition() && budget > 0; i--) {
      Pod pod = pods.get(i);
      if (pod != null && !StatefulSetPods.terminating(pod) && !updateRevision.equals(StatefulSetPods.revision(pod))) {
        deletions.add(pod);
        budget--;
      }
    }
  }

  /**
   * {@code spec.updateStrategy.rollingUpdate.maxUnavailable} (Kubernetes' MaxUnavailableStatefulSet): a
   * number, or a percent of replicas rounded up; at least 1, and 1 when unset.
   */
  int maxUnavailable() {
    var rolling = set.getSpec().getUpdateStrategy() == null ? null : set.getSpec().getUpdateStrategy().getRollingUpdate();
    IntOrString value = rolling == null ? null : rolling.getMaxUnavailable();
    if (value == null || (value.getIntVal() == null && value.getStrVal() == null)) {
      return 1;
    }
    int n;
    if (value.getIntVal() != null) {
      n = value.getIntVal();
    } else {
      String text = value.getStrVal().trim();
      try {
        n = text.endsWith("%")
            ? (int) Math.ceil(Integer.parseInt(text.substring(0, text.length() - 1)) * (double) replicas / 100)
            : Integer.parseInt(text);
      } catch (NumberFormatException invalid) {
        n = 1; // the API server refuses such a value; an old stored object falls back to one at a time
      }
    }
    return Math.max(1, n);
  }

  /** Status after this pass, with Kubernetes' fields. */
  StatefulSetStatus status(StatefulSetStatus old) {
    int minReady = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
    int count = 0;
    int ready = 0;
    int available = 0;
    int current = 0;
    int updated = 0;
    for (Pod pod : pods.values()) {
      if (deletions.contains(pod)) {
        continue;
      }
      count++;
      ready += StatefulSetPods.runningAndReady(pod) ? 1 : 0;
      available += StatefulSetPods.available(pod, minReady, now) ? 1 : 0;
      current += currentRevision.equals(StatefulSetPods.revision(pod)) ? 1 : 0;
      updated += updateRevision.equals(StatefulSetPods.revision(pod)) ? 1 : 0;
    }
    for (int ordinal : creations) {
      count++;
      current += currentRevision.equals(revisionFor(ordinal)) ? 1 : 0;
      updated += updateRevision.equals(revisionFor(ordinal)) ? 1 : 0;
    }
    String currentRev = currentRevision;
    if (rollingUpdate() && updated == count && ready == replicas && count == replicas) {
      currentRev = updateRevision; // the rollout is complete
      current = updated;
    }
    StatefulSetStatus status = new StatefulSetStatus();
    status.setObservedGeneration(set.getMetadata().getGeneration());
    status.setReplicas(count);
    status.setReadyReplicas(ready);
    status.setAvailableReplicas(available);
    status.setCurrentReplicas(current);
    status.setUpdatedReplicas(updated);
    status.setCurrentRevision(currentRev);
    status.setUpdateRevision(updateRevision);
    status.setCollisionCount(old.getCollisionCount() == null ? 0 : old.getCollisionCount());
    return status;
  }

  /** When a ready pod will become available (minReadySeconds), so the status is refreshed then. */
  Duration availabilityRecheck() {
    int minReady = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
    if (minReady == 0) {
      return Duration.ZERO;
    }
    Duration soonest = Duration.ZERO;
    for (Pod pod : pods.values()) {
      if (StatefulSetPods.runningAndReady(pod) && !StatefulSetPods.available(pod, minReady, now)) {
        Duration wait = Duration.between(now, StatefulSetPods.readySince(pod).get().plusSeconds(minReady));
        soonest = soonest.isZero() || wait.compareTo(soonest) < 0 ? wait : soonest;
      }
    }
    return soonest;
  }
}
