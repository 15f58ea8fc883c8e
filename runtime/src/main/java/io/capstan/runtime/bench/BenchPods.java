package io.capstan.runtime.bench;

import io.capstan.spi.client.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bench Deployment's pods as a pods informer reports them, kept up to date by its events so
 * sampling costs nothing: how many were ever created, how many are Ready and not being deleted
 * now, and the most that were unavailable at once since {@link #resetMaxUnavailable}, measured at
 * every event (not by polling, which would miss short dips and cost the measured system CPU).
 */
final class BenchPods implements ResourceEventHandler<Pod> {

  private final String app;
  private final int replicas;
  private final Set<String> created = ConcurrentHashMap.newKeySet();
  private final Map<String, Boolean> ready = new ConcurrentHashMap<>();
  private final AtomicInteger readyCount = new AtomicInteger();
  private volatile boolean tracking;
  private final AtomicInteger maxUnavailable = new AtomicInteger();

  BenchPods(String app, int replicas) {
    this.app = app;
    this.replicas = replicas;
  }

  int created() {
    return created.size();
  }

  int ready() {
    return readyCount.get();
  }

  /** Starts recording the most pods unavailable at once (of the declared replicas). */
  void resetMaxUnavailable() {
    maxUnavailable.set(Math.max(0, replicas - readyCount.get()));
    tracking = true;
  }

  int maxUnavailable() {
    return maxUnavailable.get();
  }

  @Override
  public void onAdd(Pod pod) {
    update(pod);
  }

  @Override
  public void onUpdate(Pod oldPod, Pod newPod) {
    update(newPod);
  }

  @Override
  public void onDelete(Pod pod, boolean finalStateUnknown) {
    set(pod.getMetadata().getName(), false);
  }

  private void update(Pod pod) {
    if (!app.equals(pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("app"))) {
      return;
    }
    created.add(pod.getMetadata().getUid());
    set(pod.getMetadata().getName(), pod.getMetadata().getDeletionTimestamp() == null && isReady(pod));
  }

  private synchronized void set(String name, boolean isReady) {
    Boolean before = isReady ? ready.put(name, Boolean.TRUE) : ready.remove(name);
    if (isReady && before == null) {
      readyCount.incrementAndGet();
    } else if (!isReady && before != null) {
      readyCount.decrementAndGet();
    }
    if (tracking) {
      maxUnavailable.accumulateAndGet(replicas - readyCount.get(), Math::max);
    }
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
