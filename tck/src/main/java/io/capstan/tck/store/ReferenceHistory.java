package io.capstan.tck.store;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.FutureRevisionException;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.LeaseNotFoundException;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.OpResult;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.RangeResult;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import io.capstan.spi.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * The keyspace of a {@link ReferenceStore} as a list of committed revisions: {@code events(r)}
 * holds the watch events of revision {@code r} in the order the transaction made them, each with
 * its previous entry attached, and every state is the replay of a prefix of that list. Not
 * thread-safe: the store calls it under its lock.
 */
final class ReferenceHistory {

  private final List<List<WatchEvent>> revisions;
  private NavigableMap<Bytes, KeyValue> latest;
  private long compactRevision;

  ReferenceHistory() {
    this(List.of(), 0);
  }

  private ReferenceHistory(List<List<WatchEvent>> revisions, long compactRevision) {
    this.revisions = new ArrayList<>(revisions);
    this.compactRevision = compactRevision;
    this.latest = replay(revisions.size());
  }

  /** An independent copy, for a simulated restart. */
  ReferenceHistory copy() {
    return new ReferenceHistory(revisions, compactRevision);
  }

  long current() {
    return revisions.size();
  }

  long compactRevision() {
    return compactRevision;
  }

  /** The events of {@code revision}, which must be in [1, current]. */
  List<WatchEvent> events(long revision) {
    return revisions.get((int) revision - 1);
  }

  /** The live keys attached to {@code leaseId}, in key order. */
  List<Bytes> keysOf(long leaseId) {
    return latest.values().stream().filter(kv -> kv.lease() == leaseId).map(KeyValue::key).toList();
  }

  void compact(long revision) {
    if (revision <= compactRevision) {
      throw new CompactedException(revision, compactRevision);
    }
    if (revision > current()) {
      throw new FutureRevisionException(revision, current());
    }
    compactRevision = revision;
  }

  RangeResult range(RangeRequest request) {
    long revision = request.revision() == 0 ? current() : request.revision();
    if (revision > current()) {
      throw new FutureRevisionException(revision, current());
    }
    if (revision < compactRevision) {
      throw new CompactedException(revision, compactRevision);
    }
    return read(revision == current() ? latest : replay(revision), request, revision);
  }

  /**
   * Evaluates the compares against the latest state and applies the chosen branch as one new
   * revision, or none if it changes nothing.
   *
   * @param leaseLive whether a lease id may be attached to a put
   * @param maxValueBytes the largest value a put may carry
   */
  TxnResult apply(TxnRequest request, LongPredicate leaseLive, int maxValueBytes) {
    boolean succeeded = request.compares().stream()
        .allMatch(c -> c.test(Optional.ofNullable(latest.get(c.key()))));
    List<Op> ops = succeeded ? request.success() : request.failure();
    for (Op op : ops) {
      if (op instanceof Op.Put put) {
        if (put.lease() != KeyValue.NO_LEASE && !leaseLive.test(put.lease())) {
          throw new LeaseNotFoundException(put.lease());
        }
        if (put.value().size() > maxValueBytes) {
          throw new IllegalArgumentException("value of " + put.value().size() + " bytes for "
              + put.key() + " exceeds the limit of " + maxValueBytes);
        }
      }
    }
    long revision = current() + 1;
    NavigableMap<Bytes, KeyValue> state = new TreeMap<>(latest);
    List<WatchEvent> events = new ArrayList<>();
    List<OpResult> results = new ArrayList<>();
    for (Op op : ops) {
      if (op instanceof Op.Put put) {
        KeyValue prev = state.get(put.key());
        KeyValue kv = prev == null
            ? new KeyValue(put.key(), put.value(), revision, revision, 1, put.lease())
            : new KeyValue(put.key(), put.value(), prev.createRevision(), revision,
                prev.version() + 1, put.lease());
        state.put(put.key(), kv);
        events.add(prev == null ? WatchEvent.put(kv) : WatchEvent.put(kv).withPrevKv(prev));
        results.add(new OpResult.Put(put.prevKv() ? Optional.ofNullable(prev) : Optional.empty()));
      } else if (op instanceof Op.Delete delete) {
        List<KeyValue> gone = inRange(state, delete.range());
        for (KeyValue prev : gone) {
          state.remove(prev.key());
          events.add(WatchEvent.delete(prev.key(), revision).withPrevKv(prev));
        }
        results.add(new OpResult.Delete(gone.size(), delete.prevKv() ? gone : List.of()));
      } else if (op instanceof Op.Range range) {
        results.add(read(state, range.request(), 0)); // sees this branch's earlier writes
      }
    }
    long header = events.isEmpty() ? current() : revision;
    if (!events.isEmpty()) {
      revisions.add(List.copyOf(events));
      latest = state;
    }
    // Reads inside the txn carry the txn's header revision, known only now.
    List<OpResult> withHeader = results.stream()
        .map(r -> r instanceof RangeResult rr
            ? new RangeResult(rr.kvs(), rr.more(), rr.count(), header) : r)
        .toList();
    return new TxnResult(succeeded, withHeader, header);
  }

  private static RangeResult read(NavigableMap<Bytes, KeyValue> state, RangeRequest request,
      long revision) {
    requireNonNull(request, "request");
    List<KeyValue> all = inRange(state, request.range());
    if (request.countOnly()) {
      return new RangeResult(List.of(), false, all.size(), revision);
    }
    List<KeyValue> page = request.limit() > 0 && all.size() > request.limit()
        ? all.subList(0, (int) request.limit()) : all;
    if (request.keysOnly()) {
      page = page.stream().map(KeyValue::withoutValue).toList();
    }
    return new RangeResult(page, page.size() < all.size(), all.size(), revision);
  }

  /** A linear scan: every live key, kept if the range contains it. */
  private static List<KeyValue> inRange(NavigableMap<Bytes, KeyValue> state, KeyRange range) {
    return state.values().stream().filter(kv -> range.contains(kv.key())).toList();
  }

  /** The keyspace as of {@code revision}: every event up to it, applied in order. */
  private NavigableMap<Bytes, KeyValue> replay(long revision) {
    NavigableMap<Bytes, KeyValue> state = new TreeMap<>();
    for (List<WatchEvent> events : revisions.subList(0, (int) revision)) {
      for (WatchEvent e : events) {
        if (e.type() == WatchEvent.Type.PUT) {
          state.put(e.kv().key(), e.kv());
        } else {
          state.remove(e.kv().key());
        }
      }
    }
    return state;
  }
}
