package io.capstan.plugins.store.rocksdb;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.capstan.spi.store.Store;

/**
 * Wires the {@code rocksdb} store: one {@link RocksDbStore} per injector, bound as {@link Store}.
 * Nothing is opened here; the kernel's {@code start()} opens the directory and recovers.
 */
public final class RocksDbStoreModule extends AbstractModule {

  private final RocksDbStoreConfig config;

  public RocksDbStoreModule(RocksDbStoreConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(RocksDbStoreConfig.class).toInstance(config);
    bind(RocksDbStore.class).in(Singleton.class);
    bind(Store.class).to(RocksDbStore.class);
  }
}
