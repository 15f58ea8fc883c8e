package io.capstan.runtime.client.workqueue;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * The keys of a {@link DefaultWorkQueue} waiting for a delay to pass, and the one timer that wakes
 * the queue when the earliest of them is due: client-go's {@code waitForPriorityQueue}, its
 * {@code knownEntries} map and its {@code waitingLoop} ({@code delaying_queue.go}), without the
 * goroutine. A key waits at most once; asking again keeps the earlier due time, as client-go's
 * {@code insert} does. Due times are {@code Clock.nanoTime()} values; ties go to the key asked for
 * first, so virtual-time runs are reproducible.
 *
 * <p>Not thread-safe: every method is called under the queue's lock, including {@link #fired}
 * from the timer task, which the queue routes through its lock.
 */
final class DelayedKeys<K> {

  private record Entry<K>(K key, long readyAt, long sequence) {}

  private final TaskExecutor executor;
  private final Clock clock;
  private final LongConsumer onTimer;
  private final TreeSet<Entry<K>> byTime = new TreeSet<>(
      Comparator.<Entry<K>>comparingLong(Entry::readyAt).thenComparingLong(Entry::sequence));
  private final Map<K, Entry<K>> byKey = new HashMap<>();
  private long nextSequence;
  private Cancellable timer;
  private long timerDue;
  private long timerToken;

  /**
   * @param onTimer called on the executor with the timer's token when the timer goes off; it must
   *     take the queue's lock and call {@link #fired(long)} with the token
   */
  DelayedKeys(TaskExecutor executor, Clock clock, LongConsumer onTimer) {
    this.executor = requireNonNull(executor, "executor");
    this.clock = requireNonNull(clock, "clock");
    this.onTimer = requireNonNull(onTimer, "onTimer");
  }

  /** Makes {@code key} due at {@code readyAt}, unless it already waits for an earlier time. */
  void offer(K key, long readyAt) {
    Entry<K> existing = byKey.get(key);
    if (existing != null) {
      if (existing.readyAt() <= readyAt) {
        return;
      }
      byTime.remove(existing);
    }
    Entry<K> entry = new Entry<>(key, readyAt, nextSequence++);
    byTime.add(entry);
    byKey.put(key, entry);
    arm();
  }

  /**
   * The timer with this token went off: removes and returns, earliest first, every key now due,
   * and re-arms for the next one. A superseded timer's call returns nothing.
   */
  List<K> fired(long token) {
    if (token != timerToken) {
      return List.of();
    }
    timer = null;
    List<K> due = new ArrayList<>();
    long now = clock.nanoTime();
    while (!byTime.isEmpty() && byTime.first().readyAt() <= now) {
      Entry<K> entry = byTime.pollFirst();
      byKey.remove(entry.key());
      due.add(entry.key());
    }
    arm();
    return due;
  }

  int size() {
    return byKey.size();
  }

  /** Forgets every waiting key and cancels the timer. */
  void clear() {
    byTime.clear();
    byKey.clear();
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    timerToken++;
  }

  /** Arms the timer for the earliest key, unless one is already armed early enough. */
  private void arm() {
    if (byTime.isEmpty()) {
      return;
    }
    long earliest = byTime.first().readyAt();
    if (timer != null && timerDue <= earliest) {
      return;
    }
    if (timer != null) {
      timer.cancel();
    }
    long token = ++timerToken;
    timerDue = earliest;
    timer = executor.schedule(Duration.ofNanos(Math.max(0L, earliest - clock.nanoTime())),
        () -> onTimer.accept(token));
  }
}
