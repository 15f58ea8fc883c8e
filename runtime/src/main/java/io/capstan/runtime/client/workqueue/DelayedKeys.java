package io.capstan.runtime.client.workqueue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The keys of a {@link DefaultWorkQueue} waiting for a delay to pass: client-go's
 * {@code waitForPriorityQueue} plus its {@code knownEntries} map ({@code delaying_queue.go}). A key
 * waits at most once; asking again keeps the earlier due time, as client-go's {@code insert} does.
 * Due times are {@code Clock.nanoTime()} values; ties go to the key asked for first, so virtual-time
 * runs are reproducible.
 *
 * <p>Not thread-safe: the queue guards it with its own lock.
 */
final class DelayedKeys<K> {

  private record Entry<K>(K key, long readyAt, long sequence) {}

  private final TreeSet<Entry<K>> byTime = new TreeSet<>(
      Comparator.<Entry<K>>comparingLong(Entry::readyAt).thenComparingLong(Entry::sequence));
  private final Map<K, Entry<K>> byKey = new HashMap<>();
  private long nextSequence;

  /**
   * Makes {@code key} due at {@code readyAt}, unless it already waits for an earlier time.
   *
   * @return true when the earliest due time of all keys moved earlier (the caller re-arms its timer)
   */
  boolean offer(K key, long readyAt) {
    Entry<K> existing = byKey.get(key);
    if (existing != null) {
      if (existing.readyAt() <= readyAt) {
        return false;
      }
      byTime.remove(existing);
    }
    long earliestBefore = byTime.isEmpty() ? Long.MAX_VALUE : byTime.first().readyAt();
    Entry<K> entry = new Entry<>(key, readyAt, nextSequence++);
    byTime.add(entry);
    byKey.put(key, entry);
    return readyAt < earliestBefore;
  }

  /** Removes and returns, earliest first, every key due at or before {@code now}. */
  List<K> pollDue(long now) {
    List<K> due = new ArrayList<>();
    while (!byTime.isEmpty() && byTime.first().readyAt() <= now) {
      Entry<K> entry = byTime.pollFirst();
      byKey.remove(entry.key());
      due.add(entry.key());
    }
    return due;
  }

  /** The earliest due time, if any key waits. */
  OptionalLong earliest() {
    return byTime.isEmpty() ? OptionalLong.empty() : OptionalLong.of(byTime.first().readyAt());
  }

  int size() {
    return byKey.size();
  }

  void clear() {
    byTime.clear();
    byKey.clear();
  }
}
