package io.capstan.tck.store;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.Lease;
import io.capstan.spi.store.LeaseInfo;
import io.capstan.spi.store.LeaseNotFoundException;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.RangeResult;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchListener;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The executable specification of the {@link Store} SPI: a store written to be obviously correct,
 * not fast. The conformance suite runs against it to prove itself satisfiable, and {@link
 * AbstractStoreModelProperties} uses it as the model a real store must agree with.
 *
 * <p><strong>Not for production.</strong> It keeps everything in memory under one lock, keeps the
 * whole history forever (compaction only moves the watermark, which is all a caller can observe),
 * serves a read at a past revision by replaying the history from revision 1, and scans every key
 * for every range. It is not durable ({@link #isDurable()} is false); {@link #reopen()} only
 * simulates a restart within the JVM, so the suite's restart checks have something to run on.
 *
 * <p>The model: a {@link ReferenceHistory} holds, for each revision, the watch events in the order
 * the transaction made them, and every state is the replay of a prefix of it. Watches are cursors
 * over that list, served by one delivery thread.
 *
 * <p>Time: leases run on the {@link Clock} given. Every call first expires the leases whose
 * deadline has passed (each in its own revision, deleting its keys), so with a {@link ManualClock}
 * expiry happens exactly when the test advances the clock and then calls the store, for instance
 * {@link #expireLeases()}. A store made by {@link #create()} runs on the wall clock and also has a
 * background thread that expires leases every 50 ms and sends {@link WatchResponse.Progress} to
 * idle {@code progressNotify} watches every 200 ms.
 */
public final class ReferenceStore implements Store {

  /** The largest value accepted: an arbitrary bound above the SPI's floor, so rejection is real. */
  public static final int MAX_VALUE_BYTES = 4 * 1024 * 1024;

  private static final Duration WALL_TICK = Duration.ofMillis(50);
  private static final long PROGRESS_EVERY_NANOS = Duration.ofMillis(200).toNanos();

  private enum State { NEW, OPEN, CLOSED }

  private record LeaseEntry(long id, long ttlSeconds, long deadlineNanos) {}

  private final Clock clock;
  private final Duration tick;
  private final Object lock = new Object();

  // Everything below is guarded by lock.
  private final ReferenceHistory history;
  private final NavigableMap<Long, LeaseEntry> leases;
  private final ReferenceWatchHub watches;
  private long lastLeaseId;
  private State state = State.NEW;
  private Thread ticker;

  private ReferenceStore(Clock clock, Duration tick, ReferenceHistory history,
      Map<Long, LeaseEntry> leases, long lastLeaseId) {
    this.clock = requireNonNull(clock, "clock");
    this.tick = requireNonNull(tick, "tick");
    this.history = history;
    this.watches = new ReferenceWatchHub(lock, history);
    this.leases = new TreeMap<>(leases);
    this.lastLeaseId = lastLeaseId;
  }

  /** A store on the wall clock with a background thread for lease expiry and progress. */
  public static ReferenceStore create() {
    Clock wall = new Clock() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public long nanoTime() {
        return System.nanoTime();
      }
    };
    return new ReferenceStore(wall, WALL_TICK, new ReferenceHistory(), Map.of(), 0);
  }

  /** A store whose leases run on {@code clock} and which has no background thread at all. */
  public static ReferenceStore withClock(Clock clock) {
    return new ReferenceStore(clock, Duration.ZERO, new ReferenceHistory(), Map.of(), 0);
  }

  /**
   * A new, unstarted store over this closed store's data (history, watermark, leases with their
   * deadlines): what a durable store finds when it starts again.
   */
  public ReferenceStore reopen() {
    synchronized (lock) {
      if (state != State.CLOSED) {
        throw new IllegalStateException("close the store before reopening its data");
      }
      return new ReferenceStore(clock, tick, history.copy(), leases, lastLeaseId);
    }
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (state != State.NEW) {
        throw new IllegalStateException("start() may be called only once, the store is " + state);
      }
      state = State.OPEN;
      watches.start();
      if (!tick.isZero()) {
        ticker = new Thread(this::tickLoop, "reference-store-tick");
        ticker.setDaemon(true);
        ticker.start();
      }
    }
  }

  @Override
  public long currentRevision() {
    synchronized (lock) {
      enter();
      return history.current();
    }
  }

  @Override
  public long compactRevision() {
    synchronized (lock) {
      enter();
      return history.compactRevision();
    }
  }

  @Override
  public RangeResult range(RangeRequest request) {
    requireNonNull(request, "request");
    synchronized (lock) {
      enter();
      return history.range(request);
    }
  }

  @Override
  public TxnResult txn(TxnRequest request) {
    requireNonNull(request, "request");
    synchronized (lock) {
      enter();
      return apply(request);
    }
  }

  @Override
  public Watch watch(WatchRequest request, WatchListener listener) {
    requireNonNull(request, "request");
    requireNonNull(listener, "listener");
    synchronized (lock) {
      enter();
      long start = request.startRevision() == 0 ? history.current() + 1 : request.startRevision();
      ReferenceWatch watch = watches.register(request, listener, start);
      return watch;
    }
  }

  @Override
  public void compact(long revision) {
    synchronized (lock) {
      enter();
      history.compact(revision);
      lock.notifyAll();
    }
  }

  @Override
  public Lease grantLease(long ttlSeconds, long id) {
    if (ttlSeconds < 1) {
      throw new IllegalArgumentException("ttlSeconds must be >= 1, was " + ttlSeconds);
    }
    if (id < 0) {
      throw new IllegalArgumentException("lease id must be >= 0 (0 = choose), was " + id);
    }
    synchronized (lock) {
      enter();
      if (id != 0 && leases.containsKey(id)) {
        throw new IllegalArgumentException("lease " + id + " is already in use");
      }
      long chosen = id;
      while (chosen == 0 || leases.containsKey(chosen)) {
        chosen = ++lastLeaseId;
      }
      leases.put(chosen, new LeaseEntry(chosen, ttlSeconds, deadline(ttlSeconds)));
      return new Lease(chosen, ttlSeconds);
    }
  }

  @Override
  public Lease keepAlive(long leaseId) {
    synchronized (lock) {
      enter();
      LeaseEntry entry = live(leaseId);
      leases.put(leaseId, new LeaseEntry(leaseId, entry.ttlSeconds(), deadline(entry.ttlSeconds())));
      return new Lease(leaseId, entry.ttlSeconds());
    }
  }

  @Override
  public void revokeLease(long leaseId) {
    synchronized (lock) {
      enter();
      live(leaseId);
      revoke(leaseId);
    }
  }

  @Override
  public Optional<LeaseInfo> timeToLive(long leaseId, boolean withKeys) {
    synchronized (lock) {
      enter();
      LeaseEntry entry = leases.get(leaseId);
      if (entry == null) {
        return Optional.empty();
      }
      long left = entry.deadlineNanos() - clock.nanoTime();
      long seconds = Math.max(0, Math.min(entry.ttlSeconds(), (left + 999_999_999L) / 1_000_000_000L));
      List<Bytes> keys = withKeys ? history.keysOf(leaseId) : List.of();
      return Optional.of(new LeaseInfo(leaseId, entry.ttlSeconds(), seconds, keys));
    }
  }

  /**
   * Expires every lease whose deadline has passed on the clock, deleting its keys; every call does
   * this first, so this is only needed to make it happen without another call.
   *
   * @return how many leases expired
   */
  public int expireLeases() {
    synchronized (lock) {
      checkOpen();
      return expireDueLeases();
    }
  }

  /**
   * Asks every open watch for a {@link WatchResponse.Progress} (as etcd's {@code RequestProgress}
   * does for a watch stream): each gets one at the current revision once it has delivered
   * everything up to it.
   */
  public void requestProgress() {
    synchronized (lock) {
      checkOpen();
      watches.requestProgress(w -> true);
    }
  }

  @Override
  public boolean isDurable() {
    return false;
  }

  @Override
  public void close() {
    Thread tickerThread;
    synchronized (lock) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      watches.close();
      tickerThread = ticker;
    }
    // Wait until every watch got its Failed, unless a listener closes the store from inside.
    try {
      watches.join();
      if (tickerThread != null && tickerThread != Thread.currentThread()) {
        tickerThread.join(Duration.ofSeconds(10).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- transactions, with lock held ----

  private TxnResult apply(TxnRequest request) {
    long before = history.current();
    TxnResult result = history.apply(request, leases::containsKey, MAX_VALUE_BYTES);
    if (history.current() != before) {
      lock.notifyAll(); // wake the delivery thread
    }
    return result;
  }

  // ---- leases, with lock held ----

  private long deadline(long ttlSeconds) {
    return clock.nanoTime() + Duration.ofSeconds(ttlSeconds).toNanos();
  }

  private LeaseEntry live(long leaseId) {
    LeaseEntry entry = leases.get(leaseId);
    if (entry == null) {
      throw new LeaseNotFoundException(leaseId);
    }
    return entry;
  }

  /** Removes the lease and deletes its keys in one revision (none if it has no keys). */
  private void revoke(long leaseId) {
    leases.remove(leaseId);
    Op[] deletes = history.keysOf(leaseId).stream().map(Op::delete).toArray(Op[]::new);
    if (deletes.length > 0) {
      apply(TxnRequest.of(deletes));
    }
  }

  private int expireDueLeases() {
    long now = clock.nanoTime();
    List<Long> due = leases.values().stream()
        .filter(l -> l.deadlineNanos() - now <= 0).map(LeaseEntry::id).toList();
    due.forEach(this::revoke);
    return due.size();
  }

  // ---- lifecycle ----

  /** Every public call starts here: the store must be open, and due leases expire first. */
  private void enter() {
    checkOpen();
    expireDueLeases();
  }

  private void checkOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException(
          state == State.NEW ? "the store has not been started" : "the store is closed");
    }
  }

  private void tickLoop() {
    long nextProgress = clock.nanoTime() + PROGRESS_EVERY_NANOS;
    synchronized (lock) {
      while (state == State.OPEN) {
        expireDueLeases();
        if (clock.nanoTime() - nextProgress >= 0) {
          nextProgress = clock.nanoTime() + PROGRESS_EVERY_NANOS;
          watches.requestProgress(WatchRequest::progressNotify);
        }
        try {
          lock.wait(tick.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
