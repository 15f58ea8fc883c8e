package io.capstan.runtime.apiserver.metrics;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.ForwardingStore;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.RangeResult;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;

/** A store that times every read and write into {@link ApiMetrics}; everything else passes through. */
public final class InstrumentedStore extends ForwardingStore {

  private final ApiMetrics metrics;

  public InstrumentedStore(Store delegate, ApiMetrics metrics) {
    super(delegate);
    this.metrics = requireNonNull(metrics, "metrics");
  }

  @Override
  public RangeResult range(RangeRequest request) {
    long started = System.nanoTime();
    try {
      return delegate().range(request);
    } finally {
      metrics.store("range", System.nanoTime() - started);
    }
  }

  @Override
  public TxnResult txn(TxnRequest request) {
    long started = System.nanoTime();
    try {
      return delegate().txn(request);
    } finally {
      metrics.store("txn", System.nanoTime() - started);
    }
  }

  /** The wrapped store's lifecycle belongs to the kernel, not to its users. */
  @Override
  public void start() {
    // no-op: the kernel starts the real store
  }

  /** The wrapped store's lifecycle belongs to the kernel, not to its users. */
  @Override
  public void close() {
    // no-op: the kernel closes the real store
  }
}
