package io.capstan.runtime.scheduler.queue;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.scheduler.cache.PodInfos;
import io.capstan.runtime.scheduler.framework.Framework;
import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.scheduler.ClusterEvent;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.QueuedPodInfo;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;

/**
 * Kubernetes' {@code PriorityQueue} of pods waiting to be scheduled: the active queue ordered by
 * the QueueSort plugin, the backoff queue (1 s doubling per attempt up to 10 s by default), and the
 * unschedulable pods, which move back when a cluster event one of their rejecting plugins
 * registered happens, or after {@code maxInUnschedulable}. Driven by informer events and the
 * injected clock and executor; thread-safe. {@code onActive} runs (outside the lock) whenever a pod
 * enters the active queue, so the host can start a scheduling cycle without polling.
 */
public final class SchedulingQueue implements AutoCloseable {

  /** Queue timings; Kubernetes' defaults are 1 s, 10 s and 5 min (Capstan flushes after 60 s). */
  public record Settings(Duration initialBackoff, Duration maxBackoff, Duration maxInUnschedulable) {
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
  }

  private final Function<Pod, Optional<Framework>> profiles;
  private final Clock clock;
  private final TaskExecutor executor;
  private final Settings settings;
  private final Runnable onActive;
  private final PriorityQueue<QueuedPod> active;
  private final PriorityQueue<QueuedPod> backoff;
  private final Map<String, QueuedPod> activeByUid = new HashMap<>();
  private final Map<String, QueuedPod> backoffByUid = new HashMap<>();
  private final Map<String, QueuedPod> unschedulable = new HashMap<>();
  private final Map<String, QueuedPod> inFlight = new HashMap<>();
  private final Nominator nominator = new Nominator();
  private final List<Cancellable> timers = new ArrayList<>();
  private long sequence;
  private long schedulingCycle;
  private long moveRequestCycle = -1;

  public SchedulingQueue(Comparator<QueuedPodInfo> order, Function<Pod, Optional<Framework>> profiles, Clock clock,
      TaskExecutor executor, Settings settings, Runnable onActive) {
    requireNonNull(order, "order");
    this.profiles = requireNonNull(profiles, "profiles");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.settings = requireNonNull(settings, "settings");
    this.onActive = requireNonNull(onActive, "onActive");
    this.active = new PriorityQueue<>((a, b) -> {
      int c = order.compare(a.info(), b.info());
      return c != 0 ? c : Long.compare(a.sequence, b.sequence);
    });
    this.backoff = new PriorityQueue<>(Comparator.comparing(this::backoffExpiry).thenComparingLong(p -> p.sequence));
  }

  /** Starts the periodic flushes: backoff every second, unschedulable leftovers every 30 s. */
  public synchronized void start() {
    timers.add(executor.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1), this::flushBackoffCompleted));
    timers.add(executor.scheduleAtFixedRate(Duration.ofSeconds(30), Duration.ofSeconds(30), this::flushUnschedulableLeftover));
  }

  @Override
  public synchronized void close() {
    timers.forEach(Cancellable::cancel);
    timers.clear();
  }

  public Nominator nominator() {
    return nominator;
  }

  /** A new pending pod (informer add). */
  public void add(Pod pod) {
    boolean signal;
    synchronized (this) {
      String uid = pod.getMetadata().getUid();
      if (contains(uid)) {
        return;
      }
      QueuedPod qp = new QueuedPod(PodInfos.of(pod), clock.now(), sequence++);
      signal = addToActiveOrGate(qp);
    }
    if (signal) {
      onActive.run();
    }
  }

  /** A pending pod changed; an unschedulable one gets another chance. */
  public void update(Pod pod) {
    boolean signal = false;
    synchronized (this) {
      String uid = pod.getMetadata().getUid();
      QueuedPod qp;
      if ((qp = activeByUid.get(uid)) != null) {
        active.remove(qp);
        qp.podInfo = PodInfos.of(pod);
        qp.changed();
        active.add(qp);
      } else if ((qp = backoffByUid.get(uid)) != null) {
        qp.podInfo = PodInfos.of(pod);
        qp.changed();
      } else if ((qp = unschedulable.remove(uid)) != null) {
        qp.podInfo = PodInfos.of(pod);
        qp.changed();
        signal = qp.gated ? addToActiveOrGate(qp) : moveOut(qp);
      } else if ((qp = inFlight.get(uid)) != null) {
        qp.podInfo = PodInfos.of(pod);
        qp.changed();
      } else {
        QueuedPod fresh = new QueuedPod(PodInfos.of(pod), clock.now(), sequence++);
        signal = addToActiveOrGate(fresh);
      }
    }
    if (signal) {
      onActive.run();
    }
  }

  /** The pod was deleted or got a node: it leaves the queue. */
  public synchronized void delete(String uid) {
    QueuedPod qp = activeByUid.remove(uid);
    if (qp != null) {
      active.remove(qp);
    }
    qp = backoffByUid.remove(uid);
    if (qp != null) {
      backoff.remove(qp);
    }
    unschedulable.remove(uid);
    inFlight.remove(uid);
    nominator.delete(uid);
  }

  /** The next pod to schedule, if any; it stays "in flight" until requeued or {@link #done}. */
  public synchronized Optional<QueuedPod> pop() {
    QueuedPod qp = active.poll();
    if (qp == null) {
      return Optional.empty();
    }
    activeByUid.remove(qp.uid());
    schedulingCycle++;
    qp.attempts++;
    qp.changed();
    inFlight.put(qp.uid(), qp);
    return Optional.of(qp);
  }

  /** The scheduling cycle counter, read when a pod is popped. */
  public synchronized long schedulingCycle() {
    return schedulingCycle;
  }

  /** The pod was scheduled (or dropped); it leaves the in-flight set. */
  public synchronized void done(String uid) {
    inFlight.remove(uid);
  }

  /**
   * Returns a pod that failed its attempt: to backoff if a cluster event arrived during its cycle
   * or it failed with an error (no rejecting plugins), else among the unschedulable pods.
   */
  public void requeue(QueuedPod qp, Set<String> rejectingPlugins, long podCycle) {
    synchronized (this) {
      if (inFlight.remove(qp.uid()) == null) {
        return; // deleted or bound meanwhile
      }
      qp.unschedulablePlugins = Set.copyOf(rejectingPlugins);
      qp.timestamp = clock.now();
      qp.changed();
      if (rejectingPlugins.isEmpty() || moveRequestCycle >= podCycle) {
        putBackoff(qp);
      } else {
        unschedulable.put(qp.uid(), qp);
      }
    }
  }

  /**
   * A cluster event: unschedulable pods whose rejecting plugins registered a matching event (and
   * whose queueing hint says QUEUE) move to backoff or active.
   */
  public void onClusterEvent(String resource, ClusterEvent.Action action, Optional<Object> oldObj, Optional<Object> newObj) {
    boolean signal = false;
    synchronized (this) {
      moveRequestCycle = schedulingCycle;
      if (unschedulable.isEmpty()) {
        return;
      }
      for (QueuedPod qp : new ArrayList<>(unschedulable.values())) {
        if (qp.gated || !helps(qp, resource, action, oldObj, newObj)) {
          continue;
        }
        unschedulable.remove(qp.uid());
        signal |= moveOut(qp);
      }
    }
    if (signal) {
      onActive.run();
    }
  }

  private boolean helps(QueuedPod qp, String resource, ClusterEvent.Action action, Optional<Object> o, Optional<Object> n) {
    if (qp.unschedulablePlugins.isEmpty()) {
      return true;
    }
    Optional<Framework> fw = profiles.apply(qp.podInfo.pod());
    if (fw.isEmpty()) {
      return false;
    }
    for (String plugin : qp.unschedulablePlugins) {
      EnqueueExtensions ext = fw.get().enqueueExtensions().stream().filter(e -> e.name().equals(plugin)).findFirst().orElse(null);
      if (ext == null) {
        return true;
      }
      for (ClusterEvent event : ext.eventsToRegister()) {
        if (event.matches(resource, action)) {
          try {
            if (ext.isSchedulableAfter(qp.podInfo.pod(), event, o, n) == EnqueueExtensions.QueueingHint.QUEUE) {
              return true;
            }
          } catch (RuntimeException e) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Moves pods whose backoff expired to the active queue. */
  public void flushBackoffCompleted() {
    boolean signal = false;
    synchronized (this) {
      Instant now = clock.now();
      while (!backoff.isEmpty() && !backoffExpiry(backoff.peek()).isAfter(now)) {
        QueuedPod qp = backoff.poll();
        backoffByUid.remove(qp.uid());
        putActive(qp);
        signal = true;
      }
    }
    if (signal) {
      onActive.run();
    }
  }

  /** Moves pods unschedulable for longer than {@code maxInUnschedulable} out again. */
  public void flushUnschedulableLeftover() {
    boolean signal = false;
    synchronized (this) {
      Instant now = clock.now();
      for (QueuedPod qp : new ArrayList<>(unschedulable.values())) {
        if (!qp.timestamp.plus(settings.maxInUnschedulable()).isAfter(now)) {
          unschedulable.remove(qp.uid());
          signal |= qp.gated ? addToActiveOrGate(qp) : moveOut(qp);
        }
      }
    }
    if (signal) {
      onActive.run();
    }
  }

  /** Kubernetes' backoff: initial × 2^(attempts−1), capped at the maximum. */
  public Duration backoffDuration(int attempts) {
    Duration d = settings.initialBackoff();
    for (int i = 1; i < attempts; i++) {
      if (d.compareTo(settings.maxBackoff().minus(d)) > 0) {
        return settings.maxBackoff();
      }
      d = d.plus(d);
    }
    return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
  }

  private Instant backoffExpiry(QueuedPod qp) {
    return qp.timestamp.plus(backoffDuration(Math.max(1, qp.attempts)));
  }

  private boolean moveOut(QueuedPod qp) {
    if (qp.attempts > 0 && backoffExpiry(qp).isAfter(clock.now())) {
      putBackoff(qp);
      return false;
    }
    putActive(qp);
    return true;
  }

  private boolean addToActiveOrGate(QueuedPod qp) {
    Optional<Framework> fw = profiles.apply(qp.podInfo.pod());
    Status s = fw.map(f -> f.runPreEnqueue(qp.podInfo.pod())).orElse(Status.success());
    if (!s.isSuccess()) {
      qp.gated = true;
      qp.unschedulablePlugins = s.plugin().map(Set::of).orElse(Set.of());
      qp.changed();
      unschedulable.put(qp.uid(), qp);
      return false;
    }
    qp.gated = false;
    putActive(qp);
    return true;
  }

  private void putActive(QueuedPod qp) {
    qp.timestamp = clock.now();
    qp.changed();
    active.add(qp);
    activeByUid.put(qp.uid(), qp);
  }

  private void putBackoff(QueuedPod qp) {
    backoff.add(qp);
    backoffByUid.put(qp.uid(), qp);
  }

  private boolean contains(String uid) {
    return activeByUid.containsKey(uid) || backoffByUid.containsKey(uid) || unschedulable.containsKey(uid)
        || inFlight.containsKey(uid);
  }

  /** Counts for tests and metrics: active, backoff, unschedulable, in flight. */
  public synchronized int[] sizes() {
    return new int[] {active.size(), backoff.size(), unschedulable.size(), inFlight.size()};
  }

  public synchronized boolean isUnschedulable(String uid) {
    return unschedulable.containsKey(uid);
  }

  public synchronized boolean isInBackoff(String uid) {
    return backoffByUid.containsKey(uid);
  }

  public synchronized boolean isActive(String uid) {
    return activeByUid.containsKey(uid);
  }
}
