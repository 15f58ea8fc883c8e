package io.capstan.tck.store;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;

/**
 * The hooks and helpers of {@link AbstractStoreConformanceTest}; the suite's checks are spread
 * over a chain of abstract classes by topic (this one, then {@link StoreTxnConformance}, {@link
 * StoreRangeConformance}, {@link StoreWatchConformance}, {@link StoreWatchConcurrencyConformance},
 * {@link StoreLeaseConformance}) only to keep each file readable. Plugins extend {@link
 * AbstractStoreConformanceTest}, never one of these.
 */
public abstract class StoreConformanceSupport {

  private final List<Watch> watches = new ArrayList<>();
  private Store store;

  // ---- the subclass API ----

  /**
   * A fresh, empty, started store. Called lazily, on a test's first use of {@link #store()}, so a
   * subclass's own {@code @BeforeEach} (a temporary directory, an etcd prefix) runs first. The
   * suite closes it after the test.
   */
  protected abstract Store openStore();

  /** Whether {@link #restartStore} can close the store and reopen it on the same data. */
  protected boolean supportsRestart() {
    return false;
  }

  /**
   * Closes {@code old} and returns a started store on the same data (directory, etcd prefix).
   * Called only when {@link #supportsRestart()} is true.
   */
  protected Store restartStore(Store old) {
    throw new UnsupportedOperationException("override restartStore with supportsRestart");
  }

  /** How long after its TTL a lease's keys may linger; etcd checks expiry every 500 ms. */
  protected Duration leaseExpiryTolerance() {
    return Duration.ofSeconds(3);
  }

  /** The shortest TTL the store honours exactly (etcd raises short TTLs to about 2 s). */
  protected int minimumLeaseTtlSeconds() {
    return 1;
  }

  /**
   * Asks the store to send a {@link io.capstan.spi.store.WatchResponse.Progress} to its open
   * watches soon (etcd's {@code RequestProgress}), if it can.
   *
   * @return true if a request was made and a Progress must follow; false (the default) if the
   *     store cannot be asked, and the suite then checks only the progress it sends by itself
   */
  protected boolean requestProgress(Store store) {
    return false;
  }

  /**
   * The largest value the store accepts, if it has a fixed limit: the suite then checks that one
   * byte more is refused with IllegalArgumentException and changes nothing. Empty by default.
   */
  protected OptionalInt maxValueBytes() {
    return OptionalInt.empty();
  }

  /** The longest the suite waits for something asynchronous (an event, an expiry) to show. */
  protected Duration patience() {
    return Duration.ofSeconds(15);
  }

  // ---- lifecycle ----

  /** The store under test, opened on first use. */
  protected final Store store() {
    if (store == null) {
      store = requireNonNull(openStore(), "openStore() returned null");
    }
    return store;
  }

  /** Restarts the store under test through {@link #restartStore} and returns the new one. */
  protected final Store restart() {
    watches.clear(); // the old store's close ended them
    store = requireNonNull(restartStore(store()), "restartStore() returned null");
    return store;
  }

  @AfterEach
  final void closeStoreUnderTest() {
    watches.forEach(Watch::cancel);
    watches.clear();
    if (store != null) {
      store.close();
      store = null;
    }
  }

  // ---- helpers ----

  /** Awaitility, polling every 10 ms for at most {@link #patience()}. */
  protected final ConditionFactory waitFor(String what) {
    return WatchRecorder.waitFor(what, patience());
  }

  /** UTF-8 bytes, for keys and values. */
  protected static Bytes b(String text) {
    return Bytes.utf8(text);
  }

  protected final long put(String key, String value) {
    return store().put(b(key), b(value));
  }

  protected final Optional<KeyValue> get(String key) {
    return store().get(b(key));
  }

  /** Starts a watch with a fresh recorder; the suite cancels it after the test. */
  protected final WatchRecorder watch(WatchRequest request) {
    WatchRecorder recorder = new WatchRecorder();
    watches.add(store().watch(request, recorder));
    return recorder;
  }

  /** Starts a watch and also returns its handle. */
  protected final Map.Entry<Watch, WatchRecorder> watchWithHandle(WatchRequest request) {
    WatchRecorder recorder = new WatchRecorder();
    Watch watch = store().watch(request, recorder);
    watches.add(watch);
    return Map.entry(watch, recorder);
  }

  /**
   * The oracle for watch checks: the events of revisions {@code from..to} rebuilt from reads at
   * each revision (a key whose modRevision is r was put at r; a key present at r - 1 and gone at r
   * was deleted at r), in key order within a revision, with prevKv attached. It needs every
   * revision from {@code from - 1} on to be readable, and trusts reads, which other checks cover.
   */
  protected final List<WatchEvent> historyEvents(long from, long to) {
    List<WatchEvent> out = new ArrayList<>();
    Map<Bytes, KeyValue> before = snapshot(from - 1);
    for (long r = from; r <= to; r++) {
      Map<Bytes, KeyValue> after = snapshot(r);
      TreeSet<Bytes> keys = new TreeSet<>(before.keySet());
      keys.addAll(after.keySet());
      for (Bytes k : keys) {
        KeyValue prev = before.get(k);
        KeyValue now = after.get(k);
        if (now != null && now.modRevision() == r) {
          WatchEvent e = WatchEvent.put(now);
          out.add(prev == null ? e : e.withPrevKv(prev));
        } else if (now == null && prev != null) {
          out.add(WatchEvent.delete(k, r).withPrevKv(prev));
        }
      }
      before = after;
    }
    return out;
  }

  /** Every key at {@code revision}; empty for revision 0. */
  protected final Map<Bytes, KeyValue> snapshot(long revision) {
    Map<Bytes, KeyValue> out = new HashMap<>();
    if (revision > 0) {
      store().range(RangeRequest.of(KeyRange.all()).atRevision(revision)).kvs()
          .forEach(kv -> out.put(kv.key(), kv));
    }
    return out;
  }

  /** The events {@code request} should deliver out of {@code all}, as its filters shape them. */
  protected static List<WatchEvent> expectedFor(WatchRequest request, List<WatchEvent> all) {
    return all.stream()
        .filter(e -> e.revision() >= request.startRevision() && request.accepts(e))
        .map(e -> request.prevKv() ? e : new WatchEvent(e.type(), e.kv(), Optional.empty()))
        .toList();
  }

  /** Asserts the recorder saw no breach of the listener contract. */
  protected static void assertNoViolations(WatchRecorder recorder) {
    assertThat(recorder.violations()).as("listener contract violations").isEmpty();
  }
}
