package io.capstan.runtime.client.workqueue;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.controller.RateLimiter;
import io.capstan.spi.controller.WorkQueue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runtime's {@link WorkQueue}: client-go's rate-limiting, delaying work queue in one class.
 *
 * <ul>
 *   <li><em>Dedup and exclusivity</em> as in client-go's {@code queue.go}: a key is "dirty" from its
 *       add until it is handed out, and "processing" from then until {@link #done}. Adding a dirty key
 *       does nothing; adding a processing key marks it dirty and {@code done} puts it back at the end
 *       of the ready line, so no key is ever held by two workers.
 *   <li><em>Delays</em> ({@code delaying_queue.go}): delayed keys wait in {@link DelayedKeys} and one
 *       timer on the {@link TaskExecutor} is armed for the earliest of them. No thread per key, and
 *       no 10-second heartbeat as in client-go, since the executor's timers are exact on both
 *       clocks.
 *   <li><em>Rate limiting</em> ({@code rate_limiting_queue.go}): {@link #addRateLimited} is
 *       {@code addAfter(key, rateLimiter.when(key))}.
 * </ul>
 *
 * <p><b>Shutting down.</b> {@link #shutDown()} is immediate: adds are dropped, ready and delayed
 * keys are discarded, {@code take}/{@code poll} return empty at once (the SPI's "stops handing out
 * keys", which is also what client-go's {@code ShutDown} documents, although its {@code Get} keeps
 * returning queued items). {@link #shutDownWithDrain()} is graceful: adds and delayed keys are
 * dropped, but keys already ready, and processing keys re-added before the call, are still handed
 * out; its future completes once nothing is ready or processing. Calling {@code shutDown()}
 * afterwards cuts the drain short, as in client-go.
 *
 * <p>Thread-safe. Only {@link #take()} blocks; everything else holds one short lock, so producers
 * may be informer handlers.
 *
 * @param <K> the key type, with value equality
 */
public final class DefaultWorkQueue<K> implements WorkQueue<K> {

  private enum State { RUNNING, DRAINING, SHUT_DOWN }

  private final String name;
  private final RateLimiter<K> rateLimiter;
  private final TaskExecutor executor;
  private final Clock clock;
  private final WorkQueueMetrics metrics;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  // all guarded by lock; every ready key is dirty and not processing
  private final ArrayDeque<K> ready = new ArrayDeque<>();
  private final Map<K, Long> dirty = new HashMap<>(); // key -> nanoTime it became dirty
  private final Map<K, Long> processing = new HashMap<>(); // key -> nanoTime it was handed out
  private final DelayedKeys<K> delayed;
  private State state = State.RUNNING;

  /** A queue without metrics. */
  public DefaultWorkQueue(String name, RateLimiter<K> rateLimiter, TaskExecutor executor,
      Clock clock) {
    this(name, rateLimiter, executor, clock, WorkQueueMetrics.NONE);
  }

  /**
   * @param name for logs and {@link #toString()}; the controller's name by convention
   * @param rateLimiter decides the delays of {@link #addRateLimited}; usually a
   *     {@link DefaultControllerRateLimiter}
   * @param executor runs the delay timer; must measure delays on {@code clock}
   * @param clock the time of delays and metrics
   */
  public DefaultWorkQueue(String name, RateLimiter<K> rateLimiter, TaskExecutor executor,
      Clock clock, WorkQueueMetrics metrics) {
    this.name = requireNonNull(name, "name");
    this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter");
    this.executor = requireNonNull(executor, "executor");
    this.clock = requireNonNull(clock, "clock");
    this.metrics = requireNonNull(metrics, "metrics");
    this.delayed = new DelayedKeys<>(executor, clock, this::timerFired);
  }

  public String name() {
    return name;
  }

  @Override
  public void add(K key) {
    requireNonNull(key, "key");
    withLock(() -> {
      if (state == State.RUNNING) {
        addLocked(key);
      }
    });
  }

  @Override
  public void addAfter(K key, Duration delay) {
    requireNonNull(key, "key");
    requireNonNull(delay, "delay");
    withLock(() -> {
      if (state != State.RUNNING) {
        return;
      }
      metrics.retried();
      if (delay.isZero() || delay.isNegative()) {
        addLocked(key);
      } else {
        delayed.offer(key, saturatedPlus(clock.nanoTime(), nanos(delay)));
      }
    });
  }

  @Override
  public void addRateLimited(K key) {
    requireNonNull(key, "key");
    // checked first so that a stopping controller does not use up the shared token bucket
    if (!isShuttingDown()) {
      addAfter(key, rateLimiter.when(key));
    }
  }

  @Override
  public void forget(K key) {
    rateLimiter.forget(requireNonNull(key, "key"));
  }

  @Override
  public int numRequeues(K key) {
    return rateLimiter.numRequeues(requireNonNull(key, "key"));
  }

  @Override
  public Optional<K> take() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      // while draining, a processing key that is dirty again will come back with its done()
      while (ready.isEmpty()
          && (state == State.RUNNING || (state == State.DRAINING && !dirty.isEmpty()))) {
        changed.await();
      }
      return handOutLocked();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<K> poll() {
    lock.lock();
    try {
      return handOutLocked();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void done(K key) {
    requireNonNull(key, "key");
    boolean nowDrained;
    lock.lock();
    try {
      Long started = processing.remove(key);
      if (started == null) {
        return; // not handed out (or done twice): nothing to release
      }
      metrics.worked(Duration.ofNanos(clock.nanoTime() - started));
      if (dirty.containsKey(key)) {
        if (state == State.SHUT_DOWN) {
          dirty.remove(key);
        } else {
          ready.addLast(key);
          metrics.depth(ready.size());
        }
      }
      if (state != State.RUNNING) {
        changed.signalAll();
      } else if (!ready.isEmpty()) {
        changed.signal();
      }
      nowDrained = drainedLocked();
    } finally {
      lock.unlock();
    }
    completeIf(nowDrained);
  }

  @Override
  public int length() {
    lock.lock();
    try {
      return ready.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void shutDown() {
    boolean nowDrained;
    lock.lock();
    try {
      state = State.SHUT_DOWN;
      ready.clear();
      dirty.clear();
      delayed.clear();
      metrics.depth(0);
      changed.signalAll();
      nowDrained = drainedLocked();
    } finally {
      lock.unlock();
    }
    completeIf(nowDrained);
  }

  /**
   * Stops accepting keys and lets workers finish what is already ready or processing (client-go's
   * {@code ShutDownWithDrain}, without blocking: both worker-thread hosts and the deterministic
   * executor can wait on the future). Idempotent.
   *
   * @return completes once no key is ready or processing; workers must keep calling
   *     {@link #done} for that to happen
   */
  public CompletableFuture<Void> shutDownWithDrain() {
    boolean nowDrained;
    lock.lock();
    try {
      if (state == State.RUNNING) {
        state = State.DRAINING;
        delayed.clear();
        changed.signalAll();
      }
      nowDrained = drainedLocked();
    } finally {
      lock.unlock();
    }
    completeIf(nowDrained);
    return drained.copy();
  }

  @Override
  public boolean isShuttingDown() {
    lock.lock();
    try {
      return state != State.RUNNING;
    } finally {
      lock.unlock();
    }
  }

  /** Keys waiting for a delay to pass (not counted by {@link #length()}). */
  public int delayedCount() {
    lock.lock();
    try {
      return delayed.size();
    } finally {
      lock.unlock();
    }
  }

  /** Keys handed out and not yet {@link #done}. */
  public int processingCount() {
    lock.lock();
    try {
      return processing.size();
    } finally {
      lock.unlock();
    }
  }

  private void addLocked(K key) {
    if (dirty.containsKey(key)) {
      return;
    }
    dirty.put(key, clock.nanoTime());
    metrics.added();
    if (processing.containsKey(key)) {
      return; // re-queued by done()
    }
    ready.addLast(key);
    metrics.depth(ready.size());
    changed.signal();
  }

  private Optional<K> handOutLocked() {
    if (state == State.SHUT_DOWN || ready.isEmpty()) {
      return Optional.empty();
    }
    K key = ready.pollFirst();
    long now = clock.nanoTime();
    metrics.queued(Duration.ofNanos(now - dirty.remove(key)));
    metrics.depth(ready.size());
    processing.put(key, now);
    if (state == State.DRAINING && dirty.isEmpty()) {
      changed.signalAll(); // waiting takers can give up: nothing more will become ready
    }
    return Optional.of(key);
  }

  private void timerFired(long token) {
    withLock(() -> {
      if (state == State.RUNNING) {
        delayed.fired(token).forEach(this::addLocked);
      }
    });
  }

  private boolean drainedLocked() {
    return state != State.RUNNING && processing.isEmpty() && ready.isEmpty() && dirty.isEmpty();
  }

  /** Completes the drain future outside the lock, since its dependents run on this thread. */
  private void completeIf(boolean nowDrained) {
    if (nowDrained) {
      drained.complete(null);
    }
  }

  private void withLock(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  private static long nanos(Duration delay) {
    try {
      return delay.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private static long saturatedPlus(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }

  @Override
  public String toString() {
    return "DefaultWorkQueue[" + name + "]";
  }
}
