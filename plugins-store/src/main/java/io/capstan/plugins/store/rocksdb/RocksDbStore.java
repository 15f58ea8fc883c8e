package io.capstan.plugins.store.rocksdb;

import io.capstan.plugins.store.mvcc.MvccStore;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import jakarta.inject.Inject;

/**
 * The {@code rocksdb} store, Capstan's embedded default: the shared MVCC engine over {@link
 * RocksDbPersistence}. Reads and watches are served from memory; every group commit of the single
 * writer is one synced RocksDB write, so acknowledged writes survive {@code kill -9} and power
 * loss ({@code syncMode: sync}). On start it replays the revisions column family to rebuild the
 * in-memory index and history.
 */
public final class RocksDbStore extends MvccStore {

  @Inject
  public RocksDbStore(RocksDbStoreConfig config, Clock clock, TaskExecutor executor) {
    super(config.toOptions(), RocksDbPersistence.of(config), clock, executor);
  }

  /** Over a persistence built by a test (e.g. with a small memtable). */
  RocksDbStore(RocksDbStoreConfig config, RocksDbPersistence persistence, Clock clock,
      TaskExecutor executor) {
    super(config.toOptions(), persistence, clock, executor);
  }
}
