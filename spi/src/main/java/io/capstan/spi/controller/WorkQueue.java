package io.capstan.spi.controller;

import java.time.Duration;
import java.util.Optional;

/**
 * A rate-limited, de-duplicating work queue of keys with client-go's semantics. The runtime
 * provides the implementation; controllers normally never see it (the host drives it from
 * {@link Result}s), but custom hosts such as a node agent or the proxy use it directly.
 *
 * <p><b>Guarantees.</b>
 *
 * <ul>
 *   <li><em>Dedup:</em> a key added while already waiting is stored once.
 *   <li><em>Per-key serialisation:</em> a key handed out by {@link #take()} or {@link #poll()} is
 *       "processing" until {@link #done(Object)}; adds meanwhile are remembered and the key is
 *       handed out again only after {@code done}, so no key is ever processed by two workers at
 *       once.
 *   <li><em>Fairness:</em> keys are handed out in the order they became ready.
 *   <li><em>Time</em> for delays is the injected clock's; delayed adds run on the task executor.
 * </ul>
 *
 * <p>Thread-safe. Every method except {@link #take()} is non-blocking and may be called from
 * informer handlers.
 *
 * @param <K> the key type, with value equality
 */
public interface WorkQueue<K> {

  /** Marks the key ready (no effect if it is already waiting). Dropped after shut-down. */
  void add(K key);

  /** Adds the key once {@code delay} has passed; a zero or negative delay adds at once. */
  void addAfter(K key, Duration delay);

  /** Adds the key after the rate limiter's {@link RateLimiter#when(Object)} delay for it. */
  void addRateLimited(K key);

  /** Resets the key's failure history in the rate limiter (after a success). */
  void forget(K key);

  /** How many times the key was re-added rate-limited since the last {@link #forget}. */
  int numRequeues(K key);

  /**
   * Waits for a ready key and marks it processing. For hosts that own worker threads.
   *
   * @return the key, or empty once the queue is shut down and drained
   */
  Optional<K> take() throws InterruptedException;

  /**
   * Like {@link #take()} without waiting: empty when no key is ready. For hosts on the
   * deterministic executor, which must not block.
   */
  Optional<K> poll();

  /** Ends processing of a key handed out by {@code take}/{@code poll}. Must always be called. */
  void done(K key);

  /** Number of keys ready (not counting delayed or processing ones). */
  int length();

  /** Stops handing out keys; waiting {@code take()} calls return empty. Idempotent. */
  void shutDown();

  boolean isShuttingDown();
}
