package io.capstan.plugins.store.memory;

import io.capstan.plugins.store.mvcc.MvccStore;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Store;
import io.capstan.tck.store.AbstractStoreConformanceTest;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Store conformance suite against the {@code memory} plugin, on the wall clock. */
class MemoryStoreConformanceTest extends AbstractStoreConformanceTest {

  // one pool for the class: the suite closes each store after the test, and that close still
  // needs the executor to deliver the watches' final responses
  private static PooledTaskExecutor executor;

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
    MemoryStore store = new MemoryStore(MemoryStoreConfig.defaults(), new WallClock(), executor);
    store.start();
    return store;
  }

  @Override
  protected OptionalInt maxValueBytes() {
    return OptionalInt.of(MemoryStoreConfig.defaults().maxValueBytes());
  }

  @Override
  protected boolean requestProgress(Store store) {
    ((MvccStore) store).requestProgress();
    return true;
  }
}
