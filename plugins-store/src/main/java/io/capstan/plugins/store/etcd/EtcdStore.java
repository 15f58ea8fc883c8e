package io.capstan.plugins.store.etcd;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.store.etcd.EtcdErrors.Call;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.FutureRevisionException;
import io.capstan.spi.store.Lease;
import io.capstan.spi.store.LeaseInfo;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.RangeResult;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.StoreUnavailableException;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchListener;
import io.capstan.spi.store.WatchRequest;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.GetOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Store SPI on an etcd v3 cluster through jetcd, under an optional key prefix.
 *
 * <p>Revisions are etcd's minus one, so a fresh cluster starts at 0 like the embedded stores, and
 * the compaction watermark sits one above etcd's own (see {@link EtcdRevisions}). The counter is
 * cluster-wide, so writes outside the prefix also raise it; compaction is cluster-wide too. Lease
 * expiry runs on the etcd servers' clocks, not on the host's {@link Clock}.
 *
 * <p>Every call blocks for at most {@code requestTimeout} of real time (network waits do not follow
 * a virtual clock); watch delivery and resumption run on the host's {@link TaskExecutor}.
 */
public final class EtcdStore implements Store {

  private static final Logger LOG = LoggerFactory.getLogger(EtcdStore.class);

  private final EtcdStoreConfig config;
  private final Clock clock;
  private final TaskExecutor executor;
  private final EtcdKeys keys;
  private final EtcdRequestRewriter rewriter = new EtcdRequestRewriter();
  private final EtcdTxns txns;
  private final EtcdLeases leases;
  private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
  /** The highest compaction watermark seen; it only rises, so probes can start there. */
  private final AtomicLong compactFloor = new AtomicLong();
  private volatile Client client;
  private volatile boolean closed;

  public EtcdStore(EtcdStoreConfig config, Clock clock, TaskExecutor executor) {
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.keys = new EtcdKeys(Bytes.copyOf(config.keyPrefixBytes()));
    this.txns = new EtcdTxns(keys, rewriter);
    this.leases = new EtcdLeases(this, keys, rewriter);
  }

  /** Connects and checks that etcd answers; throws if it does not within the request timeout. */
  @Override
  public synchronized void start() {
    if (closed || client != null) {
      throw new IllegalStateException("the etcd store starts once; it is "
          + (closed ? "closed" : "already started"));
    }
    Client c = EtcdClients.build(config, rewriter);
    client = c;
    try {
      long revision = currentRevision();
      LOG.info("etcd store on {} under prefix '{}' at revision {}", config.endpoints(),
          config.keyPrefix(), revision);
    } catch (RuntimeException e) {
      client = null;
      c.close();
      throw new StoreUnavailableException("cannot reach etcd at " + config.endpoints()
          + " (store.etcd.endpoints): " + e.getMessage(), e);
    }
  }

  @Override
  public long currentRevision() {
    GetResponse response = await(Call.read("read the current revision", 0),
        () -> kv().get(keys.probeKey(), GetOption.builder().withCountOnly(true).build()));
    return EtcdRevisions.fromEtcd(response.getHeader().getRevision());
  }

  /**
   * etcd 3.4 reports its watermark nowhere cheap, but a read below it fails: a binary search for
   * the oldest readable revision between the last known watermark and now finds it, and the usual
   * case (no compaction since the last look) costs one read. See {@link EtcdRevisions} for why
   * Capstan's watermark is that revision's number.
   */
  @Override
  public long compactRevision() {
    long floor = Math.max(EtcdRevisions.ETCD_EMPTY, compactFloor.get()); // in etcd's numbers
    if (readable(floor)) {
      return compactFloor.get();
    }
    long compacted = floor;
    long readable = EtcdRevisions.toEtcd(currentRevision());
    while (readable - compacted > 1) {
      long mid = compacted + (readable - compacted) / 2;
      if (readable(mid)) {
        readable = mid;
      } else {
        compacted = mid;
      }
    }
    return compactFloor.accumulateAndGet(EtcdRevisions.watermarkFromEtcd(readable), Math::max);
  }

  /** Whether etcd still serves reads at etcd revision {@code etcdRevision}. */
  private boolean readable(long etcdRevision) {
    return readable(probe(etcdRevision), etcdRevision);
  }

  private CompletableFuture<GetResponse> probe(long etcdRevision) {
    return kv().get(keys.probeKey(),
        GetOption.builder().withCountOnly(true).withRevision(etcdRevision).build());
  }

  private boolean readable(CompletableFuture<GetResponse> probe, long etcdRevision) {
    try {
      // the watermark is what is being searched for, so the error must not look it up
      await(Call.read("probe etcd revision " + etcdRevision, etcdRevision), () -> probe, () -> 0);
      return true;
    } catch (CompactedException e) {
      return false;
    } catch (FutureRevisionException e) {
      return true; // not yet written, so not compacted either (a watch may wait for it)
    }
  }

  /** Whether Capstan's {@code revision} is at or above the watermark (so reads and watches may). */
  boolean servesRevision(long revision) {
    return readable(EtcdRevisions.watermarkProbe(revision));
  }

  @Override
  public RangeResult range(RangeRequest request) {
    requireNonNull(request, "request");
    EtcdKeys.EtcdRange range = keys.range(request.range());
    long revision = request.revision();
    // a past read also asks, at the same time, whether the revision is above the watermark: etcd
    // itself still serves the one revision below it (see EtcdRevisions)
    CompletableFuture<GetResponse> probe =
        revision == 0 ? null : probe(EtcdRevisions.watermarkProbe(revision));
    GetResponse response = await(Call.read("read " + request.range(), revision),
        () -> kv().get(range.key(), txns.getOption(request, range)));
    if (probe != null && !readable(probe, EtcdRevisions.watermarkProbe(revision))) {
      throw new CompactedException(revision, compactRevision());
    }
    long servedAt = request.revision() != 0 ? request.revision()
        : EtcdRevisions.fromEtcd(response.getHeader().getRevision()); // etcd's: the current one
    return txns.rangeResult(response, servedAt);
  }

  @Override
  public TxnResult txn(TxnRequest request) {
    requireNonNull(request, "request");
    Call call = request.hasWrites()
        ? Call.write("transaction").withLease(EtcdTxns.leaseOf(request))
        : Call.read("read-only transaction", 0);
    return txns.result(request, await(call, () -> txns.commit(kv(), request)));
  }

  @Override
  public Watch watch(WatchRequest request, WatchListener listener) {
    requireNonNull(request, "request");
    requireNonNull(listener, "listener");
    checkOpen();
    EtcdWatch watch = new EtcdWatch(this, request, listener);
    watches.add(watch);
    try {
      watch.start();
    } catch (RuntimeException e) {
      watches.remove(watch);
      throw e;
    }
    return watch;
  }

  @Override
  public void compact(long revision) {
    if (revision < 0) {
      throw new IllegalArgumentException("revision must be >= 0, was " + revision);
    }
    if (revision == 0) {
      throw new CompactedException(0, compactRevision());
    }
    long current = currentRevision(); // etcd would take one more: its own numbers run one ahead
    if (revision > current) {
      throw new FutureRevisionException(revision, current);
    }
    Call call = new Call("compact at revision " + revision, true, revision, 0);
    // Not "physical": etcd moves its watermark before answering either way; the physical wait
    // would only add the time to free the space, which the SPI does not promise.
    await(call, () -> kv().compact(EtcdRevisions.compactTarget(revision), CompactOption.builder()
        .withCompactPhysical(false).build()));
    compactFloor.accumulateAndGet(revision, Math::max);
  }

  @Override
  public Lease grantLease(long ttlSeconds, long id) {
    return leases.grant(ttlSeconds, id);
  }

  @Override
  public Lease keepAlive(long leaseId) {
    return leases.keepAlive(leaseId);
  }

  @Override
  public void revokeLease(long leaseId) {
    leases.revoke(leaseId);
  }

  @Override
  public Optional<LeaseInfo> timeToLive(long leaseId, boolean withKeys) {
    return leases.timeToLive(leaseId, withKeys);
  }

  /** Ends every watch with {@code Failed} and closes the connection. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (EtcdWatch watch : watches) {
      watch.fail(new StoreUnavailableException("the etcd store is closing"));
    }
    watches.clear();
    Client c = client;
    client = null;
    if (c != null) {
      c.close();
    }
  }

  // --- shared with EtcdWatch ---

  EtcdStoreConfig config() {
    return config;
  }

  EtcdKeys keys() {
    return keys;
  }

  Clock clock() {
    return clock;
  }

  TaskExecutor executor() {
    return executor;
  }

  io.etcd.jetcd.Watch watchClient() {
    return client().getWatchClient();
  }

  void forget(EtcdWatch watch) {
    watches.remove(watch);
  }

  boolean isClosed() {
    return closed;
  }

  private io.etcd.jetcd.KV kv() {
    return client().getKVClient();
  }

  io.etcd.jetcd.Lease leaseClient() {
    return client().getLeaseClient();
  }

  private Client client() {
    checkOpen();
    return client;
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the etcd store is closed");
    }
    if (client == null) {
      throw new IllegalStateException("the etcd store is not started");
    }
  }

  /** Waits for a jetcd call within the request timeout and translates its failure. */
  <T> T await(Call call, Supplier<CompletableFuture<T>> request) {
    return await(call, request, this::compactRevision);
  }

  private <T> T await(Call call, Supplier<CompletableFuture<T>> request,
      LongSupplier compactRevision) {
    CompletableFuture<T> future;
    try {
      future = request.get();
    } catch (RuntimeException e) { // jetcd refuses some requests before sending them
      throw EtcdErrors.translate(e, call, compactRevision, this::currentRevision);
    }
    long millis = config.requestTimeout().toMillis();
    try {
      return future.get(millis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw EtcdErrors.translate(e, call, compactRevision, this::currentRevision);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw EtcdErrors.timedOut(call, millis);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw EtcdErrors.interrupted(call, e);
    }
  }
}
