package io.capstan.tck.store;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.TxnRequest;

/**
 * One step of a random history in {@link AbstractStoreModelProperties}. Revisions are given
 * relative to the store's current revision, so the same step means the same thing on the store
 * under test and on the model as long as they agree so far. The records print readably in jqwik's
 * shrunk counterexamples.
 */
public sealed interface StoreModelOp {

  /** What to do on {@code store}; returns a value to compare, or throws a store exception. */
  Object applyTo(Store store);

  /** A transaction: a put, a delete, or a conditional with both branches. */
  record Write(TxnRequest request) implements StoreModelOp {
    public Write {
      requireNonNull(request, "request");
    }

    @Override
    public Object applyTo(Store store) {
      return store.txn(request);
    }
  }

  /**
   * A read at the latest revision ({@code back == -1}), one past it ({@code back == -2}, which
   * must fail with FutureRevisionException) or {@code back} revisions before it (at least 1).
   */
  record Read(RangeRequest request, int back) implements StoreModelOp {
    public Read {
      requireNonNull(request, "request");
    }

    @Override
    public Object applyTo(Store store) {
      long current = store.currentRevision();
      long revision = back == -1 ? 0 : back == -2 ? current + 1 : Math.max(1, current - back);
      return store.range(request.atRevision(revision));
    }
  }

  /**
   * A compaction {@code back} revisions before the current one (at least 1; {@code back == -1}
   * asks for a future revision); nothing on an empty store, which has no revision to compact.
   */
  record Compact(int back) implements StoreModelOp {
    @Override
    public Object applyTo(Store store) {
      long current = store.currentRevision();
      if (current == 0) {
        return "skipped on an empty store";
      }
      long revision = back == -1 ? current + 1 : Math.max(1, current - back);
      store.compact(revision);
      return "compacted at " + revision;
    }
  }
}
