package io.capstan.plugins.scheduler.prioritysort;

import io.capstan.plugins.scheduler.helper.Pods;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.QueueSortPlugin;
import io.capstan.spi.scheduler.QueuedPodInfo;
import jakarta.inject.Inject;

/**
 * Kubernetes' {@code PrioritySort}: higher {@code spec.priority} first (unset is 0), then the pod
 * that entered the queue earlier.
 */
public final class PrioritySort implements QueueSortPlugin {

  public static final String NAME = "PrioritySort";

  @Inject
  public PrioritySort(NoConfig config) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean less(QueuedPodInfo a, QueuedPodInfo b) {
    int p1 = Pods.priority(a.pod());
    int p2 = Pods.priority(b.pod());
    return p1 > p2 || (p1 == p2 && a.timestamp().isBefore(b.timestamp()));
  }
}
