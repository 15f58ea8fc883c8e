package io.capstan.plugins.store.rocksdb;

import io.capstan.plugins.store.mvcc.MvccStore;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Store;
import io.capstan.tck.store.AbstractStoreConformanceTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Store conformance suite against the {@code rocksdb} plugin on a fresh directory per test,
 * with restarts (close and reopen on the same directory) for the durability checks.
 */
class RocksDbStoreConformanceTest extends AbstractStoreConformanceTest {

  private static PooledTaskExecutor executor;

  @TempDir
  Path dir;

  @BeforeAll
  static void startExecutor() {
    executor = new PooledTaskExecutor(4, Duration.ofSeconds(2));
  }

  @AfterAll
  static void stopExecutor() throws InterruptedException {
    executor.close();
  }

  @Override
  protected Store openStore() {
    RocksDbStore store = new RocksDbStore(RocksDbStoreConfig.at(dir), new WallClock(), executor);
    store.start();
    return store;
  }

  @Override
  protected boolean supportsRestart() {
    return true;
  }

  @Override
  protected Store restartStore(Store old) {
    old.close();
    return openStore();
  }

  @Override
  protected OptionalInt maxValueBytes() {
    return OptionalInt.of(RocksDbStoreConfig.defaults().maxValueBytes());
  }

  @Override
  protected boolean requestProgress(Store store) {
    ((MvccStore) store).requestProgress();
    return true;
  }
}
