package io.capstan.plugins.store.mvcc;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.Lease;
import io.capstan.spi.store.LeaseInfo;
import io.capstan.spi.store.LeaseNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The live leases and their expiry timers. Expiry is measured on the injected {@link Clock} and
 * timed with the injected {@link TaskExecutor}, one one-shot task per lease that, when it fires
 * early because of keep-alives, simply re-arms itself for the new deadline (cheaper than cancelling
 * on every keep-alive). An expired lease is handed to {@code onExpired}, which queues its revoke on
 * the write path, so the keys go in one revision like an explicit revoke.
 */
final class LeaseTable {

  /** etcd's MaxLeaseTTL; also keeps deadlines in nanoseconds far from overflow. */
  static final long MAX_TTL_SECONDS = 9_000_000_000L;

  private final ConcurrentHashMap<Long, LeaseState> leases = new ConcurrentHashMap<>();
  private final Clock clock;
  private final TaskExecutor executor;
  private final LongConsumer onExpired;

  LeaseTable(Clock clock, TaskExecutor executor, LongConsumer onExpired) {
    this.clock = clock;
    this.executor = executor;
    this.onExpired = onExpired;
  }

  boolean exists(long id) {
    return leases.containsKey(id);
  }

  LeaseState get(long id) {
    return leases.get(id);
  }

  /** Adds a lease, not yet counting down (under the write lock, before the commit). */
  LeaseState add(long id, long ttlSeconds) {
    LeaseState state = new LeaseState(id, ttlSeconds);
    leases.put(id, state);
    return state;
  }

  /** Starts the lease's countdown once its grant is committed. */
  void activate(LeaseState state) {
    if (state.activate(clock.nanoTime())) {
      arm(state, Duration.ofSeconds(state.ttlSeconds));
    }
  }

  private void arm(LeaseState state, Duration delay) {
    state.setTimer(executor.schedule(delay, () -> check(state)));
  }

  private void check(LeaseState state) {
    long left = state.checkExpiry(clock.nanoTime());
    if (left == LeaseState.NOT_LIVE) {
      return;
    }
    if (left > 0) {
      arm(state, Duration.ofNanos(left));
    } else {
      onExpired.accept(state.id);
    }
  }

  /** Removes a lease (under the write lock) and returns it, or null. */
  LeaseState remove(long id) {
    LeaseState state = leases.remove(id);
    if (state != null) {
      state.remove();
    }
    return state;
  }

  void attach(long id, Bytes key) {
    LeaseState state = leases.get(id);
    if (state != null) {
      state.keys.add(key);
    }
  }

  void detach(long id, Bytes key) {
    LeaseState state = leases.get(id);
    if (state != null) {
      state.keys.remove(key);
    }
  }

  Lease keepAlive(long id) {
    LeaseState state = leases.get(id);
    if (state == null || !state.renew(clock.nanoTime())) {
      throw new LeaseNotFoundException(id);
    }
    return new Lease(id, state.ttlSeconds);
  }

  Optional<LeaseInfo> timeToLive(long id, boolean withKeys) {
    LeaseState state = leases.get(id);
    long left = state == null ? -1 : state.remainingSeconds(clock.nanoTime());
    if (left < 0) {
      return Optional.empty();
    }
    List<Bytes> keys = withKeys ? new ArrayList<>(state.keys) : List.of();
    return Optional.of(new LeaseInfo(id, state.ttlSeconds, left, keys));
  }

  /** Stops every timer; the leases stay persisted and restart with a full TTL. */
  void close() {
    leases.values().forEach(LeaseState::remove);
  }

  int size() {
    return leases.size();
  }
}
