package io.capstan.plugins.store.mvcc;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.Lease;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import java.util.concurrent.CompletableFuture;

/**
 * A change to apply. Each carries the future its caller waits on, completed only after the change
 * is committed (durable and visible), or failed.
 */
sealed interface WriteCommand {

  CompletableFuture<?> future();

  /** A transaction with at least one write op. */
  record Txn(TxnRequest request, CompletableFuture<TxnResult> future) implements WriteCommand {
    public Txn {
      requireNonNull(request, "request");
      requireNonNull(future, "future");
    }
  }

  /** Grants a lease; {@code id} 0 lets the store choose. */
  record Grant(long ttlSeconds, long id, CompletableFuture<Lease> future) implements WriteCommand {
    public Grant {
      requireNonNull(future, "future");
    }
  }

  /**
   * Revokes a lease and deletes its keys in one revision.
   *
   * @param expired true when the lease's timer fired; then a lease already gone is not an error
   */
  record Revoke(long id, boolean expired, CompletableFuture<Void> future) implements WriteCommand {
    public Revoke {
      requireNonNull(future, "future");
    }
  }

  /** Compacts to {@code revision}; runs after the writes of its batch are committed. */
  record Compact(long revision, CompletableFuture<Void> future) implements WriteCommand {
    public Compact {
      requireNonNull(future, "future");
    }
  }
}
