package io.capstan.runtime.scheduler.testplugins;

import io.capstan.spi.scheduler.QueueSortPlugin;
import io.capstan.spi.scheduler.QueuedPodInfo;

/** Higher spec.priority first, then earlier queue timestamp, as PrioritySort. */
public final class TestPrioritySort implements QueueSortPlugin {

  @Override
  public String name() {
    return "PrioritySort";
  }

  @Override
  public boolean less(QueuedPodInfo a, QueuedPodInfo b) {
    int pa = priority(a);
    int pb = priority(b);
    return pa > pb || (pa == pb && a.timestamp().isBefore(b.timestamp()));
  }

  private static int priority(QueuedPodInfo p) {
    Integer v = p.pod().getSpec().getPriority();
    return v == null ? 0 : v;
  }
}
