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
  private final Set<String> bound = ConcurrentHashMap.newKeySet();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Set<String> everReady = ConcurrentHashMap.newKeySet();
  private final Map<String, long[]> milestones = new ConcurrentHashMap<>();
  private volatile long phaseStart = System.nanoTime();

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

  /**
   * Starts a phase: from now on, for pods created after this call, the times at which the first pod,
   * half and all of the declared replicas were created, bound, Running and Ready are recorded.
   */
  synchronized void startPhase() {
    phaseStart = System.nanoTime();
    created.clear();
    bound.clear();
    running.clear();
    everReady.clear();
    milestones.clear();
  }

  /** "created 0.01/2.10/5.90 s, bound ..." — seconds since {@link #startPhase} to the first, half and all. */
  String milestones() {
    StringBuilder out = new StringBuilder();
    for (String what : new String[] {"created", "bound", "running", "ready"}) {
      long[] m = milestones.getOrDefault(what, new long[] {-1, -1, -1});
      out.append(out.length() == 0 ? "" : ", ").append(what).append(' ')
          .append(seconds(m[0])).append('/').append(seconds(m[1])).append('/').append(seconds(m[2])).append(" s");
    }
    return out.append(" (first/half/all; - not reached)").toString();
  }

  private static String seconds(long nanos) {
    return nanos < 0 ? "-" : String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e9);
  }

  private void reached(String what, Set<String> set, String uid) {
    if (!set.add(uid)) {
      return;
    }
    int size = set.size();
    int half = (replicas + 1) / 2;
    if (size == 1 || size == half || size == replicas) {
      long now = System.nanoTime() - phaseStart;
      long[] m = milestones.computeIfAbsent(what, k -> new long[] {-1, -1, -1});
      if (size == 1) {
        m[0] = now;
      }
      if (size == half) {
        m[1] = now;
      }
      if (size == replicas) {
        m[2] = now;
      }
    }
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
    String uid = pod.getMetadata().getUid();
    reached("created", created, uid);
    if (pod.getSpec() != null && pod.getSpec().getNodeName() != null) {
      reached("bound", bound, uid);
    }
    if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())) {
      reached("running", running, uid);
    }
    if (isReady(pod)) {
      reached("ready", everReady, uid);
    }
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
