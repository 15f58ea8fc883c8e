package io.capstan.plugins.store.mvcc;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.store.Bytes;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * One lease: its TTL, deadline and attached keys.
 *
 * <p>The write path (under the store's write lock) creates and removes it and changes {@link
 * #keys}; callers renew it; its timer checks it. The lifecycle flags and the deadline are guarded by the object's monitor, so
 * a keep-alive and the expiry decision cannot both win.
 */
final class LeaseState {

  final long id;
  final long ttlSeconds;
  /** Attached keys, in key order; only the writer changes it. */
  final ConcurrentSkipListSet<Bytes> keys = new ConcurrentSkipListSet<>();

  private long deadlineNanos; // on the Clock's nanoTime scale
  private boolean active; // committed and timed
  private boolean expiring; // the timer decided it expired; a revoke is queued
  private boolean removed; // revoked or expired, gone from the table
  private Cancellable timer = () -> false;

  LeaseState(long id, long ttlSeconds) {
    this.id = id;
    this.ttlSeconds = ttlSeconds;
  }

  /** Starts the countdown from {@code now}; false if the lease was removed meanwhile. */
  synchronized boolean activate(long now) {
    if (removed) {
      return false;
    }
    active = true;
    deadlineNanos = deadline(now);
    return true;
  }

  /** Renews to the full TTL; false if the lease is not live (not yet committed, expiring, gone). */
  synchronized boolean renew(long now) {
    if (!isLive()) {
      return false;
    }
    deadlineNanos = deadline(now);
    return true;
  }

  /** What {@link #checkExpiry} returns for a lease that is no longer live. */
  static final long NOT_LIVE = Long.MIN_VALUE;

  /**
   * Nanoseconds until expiry, or a value <= 0 once expired, in which case the lease is marked
   * expiring (no keep-alive can save it any more); {@link #NOT_LIVE} if it is gone or expiring.
   */
  synchronized long checkExpiry(long now) {
    if (!isLive()) {
      return NOT_LIVE;
    }
    long left = deadlineNanos - now;
    if (left <= 0) {
      expiring = true;
    }
    return left;
  }

  /** Seconds left, rounded up, in [0, ttl]; -1 if not live. */
  synchronized long remainingSeconds(long now) {
    if (!isLive()) {
      return -1;
    }
    long left = Math.max(0, deadlineNanos - now);
    return Math.min(ttlSeconds, (left + 999_999_999L) / 1_000_000_000L);
  }

  synchronized void setTimer(Cancellable timer) {
    if (removed) {
      timer.cancel();
    } else {
      this.timer = timer;
    }
  }

  /** Marks the lease gone and stops its timer. */
  synchronized void remove() {
    removed = true;
    timer.cancel();
  }

  private boolean isLive() {
    return active && !expiring && !removed;
  }

  private long deadline(long now) {
    long ttlNanos = ttlSeconds * 1_000_000_000L; // ttl <= LeaseTable.MAX_TTL_SECONDS, no overflow
    long at = now + ttlNanos;
    return at < now ? Long.MAX_VALUE : at;
  }
}
