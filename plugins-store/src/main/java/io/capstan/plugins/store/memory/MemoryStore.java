package io.capstan.plugins.store.memory;

import io.capstan.plugins.store.mvcc.MvccStore;
import io.capstan.plugins.store.mvcc.NoPersistence;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import jakarta.inject.Inject;

/**
 * The {@code memory} store: the shared MVCC engine with no persistence. Same semantics as {@code
 * rocksdb} (revisions, transactions, watches, leases, compaction), nothing survives the process, and
 * {@link #isDurable()} is false. For tests, simulations and throw-away clusters.
 */
public final class MemoryStore extends MvccStore {

  @Inject
  public MemoryStore(MemoryStoreConfig config, Clock clock, TaskExecutor executor) {
    super(config.toOptions(), new NoPersistence(), clock, executor);
  }
}
