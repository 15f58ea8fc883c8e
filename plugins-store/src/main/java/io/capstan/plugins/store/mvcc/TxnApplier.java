package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.Compare;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.LeaseNotFoundException;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.OpResult;
import io.capstan.spi.store.RangeResult;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import io.capstan.spi.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates transactions: under the write lock against the latest applied state, writing to the
 * index; or, for transactions without write ops, on the caller's thread against a committed
 * revision, which needs no writer at all.
 */
final class TxnApplier {

  /** Reads "the latest applied version", including versions applied earlier in the same batch. */
  private static final long LATEST = Long.MAX_VALUE;

  /** The outcome of {@link #apply}; {@code logged} is null when nothing changed. */
  record Applied(TxnResult result, LoggedRevision logged) {}

  private final KeyIndex index;
  private final LeaseTable leases;

  TxnApplier(KeyIndex index, LeaseTable leases) {
    this.index = index;
    this.leases = leases;
  }

  /**
   * Applies {@code request}, under the write lock. If it changes anything it becomes revision
   * {@code current + 1}. Validation (the leases its puts name) happens before the first change,
   * so a rejected transaction leaves the index untouched.
   *
   * @param current the latest applied revision
   * @throws LeaseNotFoundException if a put of the chosen branch names a lease that is not live
   */
  Applied apply(TxnRequest request, long current) {
    boolean succeeded = comparesHold(request, LATEST);
    List<Op> ops = succeeded ? request.success() : request.failure();
    for (Op op : ops) {
      if (op instanceof Op.Put put && put.lease() != KeyValue.NO_LEASE && !leases.exists(put.lease())) {
        throw new LeaseNotFoundException(put.lease());
      }
    }
    long revision = current + 1;
    List<WatchEvent> events = new ArrayList<>();
    List<Optional<KeyValue>> prevKvs = new ArrayList<>();
    List<OpResult> results = new ArrayList<>(ops.size());
    for (Op op : ops) {
      if (op instanceof Op.Put put) {
        // one index lookup per put: the history gives the shared key instance and the latest entry
        KeyHistory history = index.history(put.key());
        Bytes key = history == null ? put.key() : history.key;
        KeyValue prev = history == null ? null : history.liveAt(LATEST);
        KeyValue kv = prev == null
            ? new KeyValue(key, put.value(), revision, revision, 1, put.lease())
            : new KeyValue(key, put.value(), prev.createRevision(), revision, prev.version() + 1,
                put.lease());
        if (history == null) {
          index.create(kv, events.size());
        } else {
          history.push(kv, events.size());
        }
        record(kv, prev, events, prevKvs);
        results.add(new OpResult.Put(put.prevKv() ? Optional.ofNullable(prev) : Optional.empty()));
      } else if (op instanceof Op.Delete delete) {
        List<KeyValue> live = index.liveIn(delete.range(), LATEST);
        for (KeyValue prev : live) {
          KeyValue tombstone = KeyValue.tombstone(prev.key(), revision);
          index.push(tombstone, events.size());
          record(tombstone, prev, events, prevKvs);
        }
        results.add(new OpResult.Delete(live.size(), delete.prevKv() ? live : List.of()));
      } else {
        results.add(index.range(((Op.Range) op).request(), LATEST, 0));
      }
    }
    long header = events.isEmpty() ? current : revision;
    TxnResult result = new TxnResult(succeeded, withHeader(results, header), header);
    return new Applied(result,
        events.isEmpty() ? null : new LoggedRevision(revision, events, prevKvs));
  }

  /** Keeps lease attachments in step with a version just written, and logs its event. */
  private void record(KeyValue kv, KeyValue prev, List<WatchEvent> events,
      List<Optional<KeyValue>> prevKvs) {
    if (prev != null && prev.hasLease()) {
      leases.detach(prev.lease(), kv.key());
    }
    if (kv.hasLease()) {
      leases.attach(kv.lease(), kv.key());
    }
    events.add(kv.isTombstone()
        ? new WatchEvent(WatchEvent.Type.DELETE, kv, Optional.empty()) : WatchEvent.put(kv));
    prevKvs.add(Optional.ofNullable(prev));
  }

  /**
   * Evaluates a transaction without write ops at the committed {@code revision}, on any thread.
   * Linearizable like any read: the revision includes every write acknowledged before the call.
   */
  static TxnResult readOnly(TxnRequest request, KeyIndex index, long revision) {
    boolean succeeded = request.compares().stream()
        .allMatch(c -> c.test(Optional.ofNullable(index.get(c.key(), revision))));
    List<OpResult> results = new ArrayList<>();
    for (Op op : succeeded ? request.success() : request.failure()) {
      results.add(index.range(((Op.Range) op).request(), revision, revision));
    }
    return new TxnResult(succeeded, results, revision);
  }

  private boolean comparesHold(TxnRequest request, long revision) {
    for (Compare c : request.compares()) {
      if (!c.test(Optional.ofNullable(index.get(c.key(), revision)))) {
        return false;
      }
    }
    return true;
  }

  /** Range results inside a transaction carry the transaction's header revision. */
  private static List<OpResult> withHeader(List<OpResult> results, long header) {
    List<OpResult> out = new ArrayList<>(results.size());
    for (OpResult r : results) {
      out.add(r instanceof RangeResult rr
          ? new RangeResult(rr.kvs(), rr.more(), rr.count(), header) : r);
    }
    return out;
  }
}
