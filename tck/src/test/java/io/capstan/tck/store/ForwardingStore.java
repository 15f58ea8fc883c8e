package io.capstan.tck.store;

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

/** A store that forwards every call; the deliberately broken stores override one behaviour. */
class ForwardingStore implements Store {

  private final Store delegate;

  ForwardingStore(Store delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  @Override
  public void start() throws Exception {
    delegate.start();
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
    return delegate.range(request);
  }

  @Override
  public TxnResult txn(TxnRequest request) {
    return delegate.txn(request);
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
  public void close() {
    delegate.close();
  }

  @Override
  public boolean isDurable() {
    return delegate.isDurable();
  }
}
