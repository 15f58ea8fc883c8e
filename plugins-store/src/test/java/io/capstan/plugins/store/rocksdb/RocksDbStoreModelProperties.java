package io.capstan.plugins.store.rocksdb;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Store;
import io.capstan.tck.store.AbstractStoreModelProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random histories on the {@code rocksdb} store, step by step against the reference model; each
 * try on a fresh directory, removed after the try.
 */
class RocksDbStoreModelProperties extends AbstractStoreModelProperties {

  private static PooledTaskExecutor executor;
  private final Map<Store, Path> dirs = new IdentityHashMap<>();

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
    try {
      Path dir = Files.createTempDirectory("capstan-rocksdb-model");
      RocksDbStore store = new RocksDbStore(RocksDbStoreConfig.at(dir), new WallClock(), executor);
      store.start();
      dirs.put(store, dir);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void closeStore(Store store) {
    store.close();
    Path dir = dirs.remove(store);
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
