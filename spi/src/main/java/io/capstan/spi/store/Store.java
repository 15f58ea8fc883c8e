package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.plugin.Lifecycle;
import java.util.Optional;

/**
 * The API server's only persistence: a multi-version key/value store with etcd v3's semantics, so
 * that an embedded store ({@code rocksdb}, {@code memory}) and a real etcd cluster are
 * interchangeable and pass the same conformance suite.
 *
 * <h2>Revisions</h2>
 *
 * <ul>
 *   <li>One 64-bit revision counter for the whole store. An empty store is at revision 0; the first
 *       write is revision 1. It never goes backwards, across restarts and crashes included.
 *   <li>Every transaction that changes anything raises the revision by exactly 1, however many keys
 *       it changes; all its keys get that {@code modRevision} and its watch events carry it. A
 *       transaction that changes nothing (only reads, a failed compare with a read-only else branch,
 *       deletes that match no key) leaves the revision alone. A put always changes, even to the same
 *       value.
 *   <li>A transaction may not touch the same key twice; {@link TxnRequest} rejects that on
 *       construction with {@link IllegalArgumentException}.
 *   <li>A store that shares its counter beyond its own keys (etcd under a key prefix, on a cluster
 *       other clients also write to) starts above 0 and skips the revisions of their writes; every
 *       other rule here still holds for its own keys.
 *   <li>Reads take a revision: 0 means latest; anything from {@link #compactRevision()} (which stays
 *       readable) to {@link #currentRevision()} is served from history; older fails with {@link
 *       CompactedException}, newer with {@link FutureRevisionException}. A watch from a future
 *       revision is allowed and waits.
 * </ul>
 *
 * <h2>Consistency and durability</h2>
 *
 * <p>Reads and transactions are strictly serializable (linearizable): a call sees every write
 * acknowledged before it started. A write is acknowledged when its call returns; a store whose
 * {@link #isDurable()} is true keeps every acknowledged write through a process kill ({@code kill
 * -9}) or power loss (the rocksdb plugin syncs its write-ahead log before returning, batching
 * concurrent writers into one sync; etcd commits through Raft).
 *
 * <h2>Threading and blocking</h2>
 *
 * <p>All methods are thread-safe and <em>synchronous</em>: they block the calling thread until the
 * store answers. One style is enough, and this one fits the callers: the API server calls the store
 * from its request threads, and the embedded stores get their throughput from many threads
 * blocking concurrently (group commit puts the waiting writers into one batch and one fsync).
 * CompletableFuture variants would double every plugin's surface for no caller. A plugin bounds
 * every wait with its configured timeout. If the calling thread is interrupted, the call returns
 * early with the interrupt flag set, throwing {@link StoreUnavailableException} for reads and
 * {@link IndeterminateResultException} for writes that may already be on their way.
 *
 * <h2>Errors</h2>
 *
 * <p>Malformed requests throw {@link IllegalArgumentException} (values larger than the plugin's
 * limit included); calls after {@link #close()} throw {@link IllegalStateException}. Everything
 * else is a {@link StoreException}: {@link CompactedException}, {@link FutureRevisionException},
 * {@link LeaseNotFoundException}, {@link StoreUnavailableException} (not applied, retry) and
 * {@link IndeterminateResultException} (outcome unknown; only writes throw it, and an etcd-backed
 * store will, since a timeout after the request left cannot tell). A failed call changes nothing,
 * except an indeterminate write, which may have happened.
 *
 * <h2>Sizes</h2>
 *
 * <p>Keys are non-empty. Every plugin stores values of at least {@link #MIN_MAX_VALUE_BYTES} (what
 * fits in etcd's default 1.5 MiB request limit, which Kubernetes objects are sized for, next to the
 * key); a larger value than a plugin supports is rejected with {@link IllegalArgumentException},
 * never truncated.
 *
 * <p>Lifecycle: {@link #start()} opens or recovers the data; every other method may be called only
 * between a successful start and {@link #close()}. Close stops all watches (listeners receive
 * {@link WatchResponse.Failed}) and waits for acknowledged writes to be durable.
 */
public interface Store extends Lifecycle {

  /**
   * 1.5 MiB less 8 KiB: the value size every plugin must accept. etcd's default {@code
   * --max-request-bytes} is 1.5 MiB for the whole request, key and framing included, so a value of
   * exactly 1.5 MiB is refused ("request is too large"); 8 KiB leaves room for any sane key.
   */
  int MIN_MAX_VALUE_BYTES = 1536 * 1024 - 8 * 1024;

  /** The revision of the last committed write, 0 for an empty store. Linearizable. */
  long currentRevision();

  /** The compaction watermark: the oldest readable revision, 0 if never compacted. */
  long compactRevision();

  /** Reads a range, at the latest revision or a past one. */
  RangeResult range(RangeRequest request);

  /**
   * Runs a transaction atomically: evaluates the compares against the latest state, then applies
   * the chosen branch's ops in order as one revision (or none if they change nothing).
   *
   * @throws LeaseNotFoundException if a put names a lease that does not exist; nothing is applied
   */
  TxnResult txn(TxnRequest request);

  /**
   * Starts a watch and returns once it is registered: every revision from {@link
   * Watch#startRevision()} on will reach the listener, asynchronously, as {@link WatchResponse}s.
   *
   * <p>Guarantees (etcd's): events arrive in revision order and, within a revision, in the order
   * the transaction made them; no event is delivered twice; none is skipped; all events of one
   * revision arrive together; a {@link WatchResponse.Progress} at R is never followed by an event
   * at or below R. A start below the compaction watermark is answered with {@link
   * WatchResponse.Compacted}, never thrown.
   *
   * <p>Slow consumers: writers never wait for watchers. Each watch buffers responses up to a bound
   * set by the plugin's configuration; when a listener falls further behind, the store drops the
   * buffer and later catches the watch up from history, starting at its next undelivered revision.
   * If that revision has been compacted meanwhile, the watch ends with {@link
   * WatchResponse.Compacted}. So memory stays bounded, and a consumer that cannot keep up with
   * compaction finds out instead of silently missing events.
   *
   * @throws StoreUnavailableException if the watch cannot be registered (for etcd: no connection)
   */
  Watch watch(WatchRequest request, WatchListener listener);

  /**
   * Discards the history below {@code revision}: reads before it fail with {@link
   * CompactedException} afterwards, and watches still needing it end with {@link
   * WatchResponse.Compacted}. The latest value of every live key survives, and {@code revision}
   * itself stays readable. May return before disk space is reclaimed.
   *
   * @throws CompactedException if {@code revision} is at or below {@link #compactRevision()}
   * @throws FutureRevisionException if {@code revision} is above {@link #currentRevision()}
   */
  void compact(long revision);

  /**
   * Grants a lease. Expiry runs on the host's {@link io.capstan.spi.clock.Clock}, so a virtual
   * clock makes it deterministic (except on etcd, whose servers expire leases on their own
   * clocks). When a lease expires or is revoked, all its keys are deleted in one revision, each
   * with a DELETE event. Keeping a lease alive is the caller's job.
   *
   * <p>Leases are not locks: a lease holder can be paused past its TTL. Anything a lease protects
   * must also check a revision (a fencing token), as etcd's documentation warns.
   *
   * @param ttlSeconds the requested time to live, at least 1
   * @param id the id to use, or 0 to let the store choose a fresh one
   * @throws IllegalArgumentException if {@code id} is already in use
   */
  Lease grantLease(long ttlSeconds, long id);

  /** Grants a lease with an id the store chooses; see {@link #grantLease(long, long)}. */
  default Lease grantLease(long ttlSeconds) {
    return grantLease(ttlSeconds, 0);
  }

  /**
   * Renews a lease to its full TTL, once, and returns it.
   *
   * @throws LeaseNotFoundException if the lease is not live
   */
  Lease keepAlive(long leaseId);

  /**
   * Revokes a lease, deleting its keys in one revision.
   *
   * @throws LeaseNotFoundException if the lease is not live
   */
  void revokeLease(long leaseId);

  /** The lease's remaining time and optionally its keys; empty if it is not live. */
  Optional<LeaseInfo> timeToLive(long leaseId, boolean withKeys);

  /**
   * Stops every watch (listeners receive {@link WatchResponse.Failed}), waits until acknowledged
   * writes are durable and releases files and connections. Idempotent; throws no checked exception
   * so callers need no try/catch around a store they own.
   */
  @Override
  void close();

  /**
   * Whether acknowledged writes survive a crash of the process; false for {@code memory}. The
   * conformance suite's crash tests run only when true.
   */
  default boolean isDurable() {
    return true;
  }

  // Conveniences, all built on range and txn so plugins implement them once.

  /** The key at the latest revision. */
  default Optional<KeyValue> get(Bytes key) {
    return range(RangeRequest.of(KeyRange.key(key))).first();
  }

  /** The key at {@code revision} (0 = latest). */
  default Optional<KeyValue> get(Bytes key, long revision) {
    return range(RangeRequest.of(KeyRange.key(key)).atRevision(revision)).first();
  }

  /** Every key in the range at the latest revision. */
  default RangeResult range(KeyRange range) {
    return range(RangeRequest.of(range));
  }

  /** Puts unconditionally and returns the revision of the write. */
  default long put(Bytes key, Bytes value) {
    return txn(TxnRequest.of(Op.put(key, value))).revision();
  }

  /** Deletes a key; returns whether it existed. */
  default boolean delete(Bytes key) {
    OpResult.Delete result = txn(TxnRequest.of(Op.delete(key))).result(0, OpResult.Delete.class);
    return result.deleted() > 0;
  }

  /**
   * Creates {@code key} only if absent.
   *
   * @return the revision of the write, or empty if the key already existed
   */
  default Optional<Long> create(Bytes key, Bytes value) {
    requireNonNull(value, "value");
    TxnResult r = txn(TxnRequest.when(Compare.absent(key)).then(Op.put(key, value)).build());
    return r.succeeded() ? Optional.of(r.revision()) : Optional.empty();
  }
}
