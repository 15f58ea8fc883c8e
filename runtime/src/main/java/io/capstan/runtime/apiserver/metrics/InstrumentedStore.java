package io.capstan.runtime.apiserver.metrics;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.Lease;
import io.capstan.spi.store.LeaseInfo;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.RangeResult;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchListener;
import io.capstan.spi.store.WatchRequest;
import java.util.Optional;

/** A store that times every read and write into {@link ApiMetrics}; everything else passes through. */
public final class InstrumentedStore implements Store {

  private final Store delegate;
  private final ApiMetrics metrics;

  public InstrumentedStore(Store delegate, ApiMetrics metrics) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.metrics = requireNonNull(metrics, "metrics");
  }

  @Override
  public long currentRevision() {
    return delegate.currentRevision();
  }

  @Override
  public long compactRevision() {
    return delegate.compactRevision();
  }

  @Override
  public RangeResult range(RangeRequest request) {
    long started = System.nanoTime();
    try {
      return delegate.range(request);
    } finally {
      metrics.store("range", System.nanoTime() - started);
    }
  }

  @Override
  public TxnResult txn(TxnRequest request) {
    long started = System.nanoTime();
    try {
      return delegate.txn(request);
    } finally {
      metrics.store("txn", System.nanoTime() - started);
    }
  }

  @Override
  public Watch watch(WatchRequest request, WatchListener listener) {
    return delegate.watch(request, listener);
  }

  @Override
  public void compact(long revision) {
    delegate.compact(revision);
  }

  @Override
  public Lease grantLease(long ttlSeconds, long id) {
    return delegate.grantLease(ttlSeconds, id);
  }

  @Override
  public Lease keepAlive(long leaseId) {
    return delegate.keepAlive(leaseId);
  }

  @Override
  public void revokeLease(long leaseId) {
    delegate.revokeLease(leaseId);
  }

  @Override
  public Optional<LeaseInfo> timeToLive(long leaseId, boolean withKeys) {
    return delegate.timeToLive(leaseId, withKeys);
  }

  @Override
  public boolean isDurable() {
    return delegate.isDurable();
  }

  /** The wrapped store's lifecycle belongs to the kernel, not to its users. */
  @Override
  public void close() {
    // no-op: the kernel closes the real store
  }
}
