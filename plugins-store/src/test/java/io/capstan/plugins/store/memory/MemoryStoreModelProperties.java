package io.capstan.plugins.store.memory;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Store;
import io.capstan.tck.store.AbstractStoreModelProperties;
import java.time.Duration;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random histories on the {@code memory} store, step by step against the reference model. */
class MemoryStoreModelProperties extends AbstractStoreModelProperties {

  private static PooledTaskExecutor executor;

  @BeforeContainer
  static void startExecutor() {
    executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  }

  @AfterContainer
  static void stopExecutor() throws InterruptedException {
    executor.close();
  }

  @Override
  protected Store openStore() {
    MemoryStore store = new MemoryStore(MemoryStoreConfig.defaults(), new WallClock(), executor);
    store.start();
    return store;
  }
}
