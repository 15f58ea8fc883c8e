package io.capstan.spi.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A store that forwards every call to another: the base of decorators (a store that records
 * metrics, a test store that misbehaves on purpose) which override only what they change.
 */
public abstract class ForwardingStore implements Store {

  private final Store delegate;

  protected ForwardingStore(Store delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected final Store delegate() {
    return delegate;
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
