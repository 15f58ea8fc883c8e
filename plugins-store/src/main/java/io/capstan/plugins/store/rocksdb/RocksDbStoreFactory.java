package io.capstan.plugins.store.rocksdb;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.capstan.spi.store.StoreFactory;

/**
 * The {@code rocksdb} store plugin, the default of {@code store.plugin}; registered in {@code
 * META-INF/services/io.capstan.spi.store.StoreFactory}.
 */
public final class RocksDbStoreFactory implements StoreFactory<RocksDbStoreConfig> {

  /** The name selected by {@code store.plugin: rocksdb}. */
  public static final String NAME = "rocksdb";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Embedded RocksDB with etcd semantics; group commit, durable on kill -9 and power loss";
  }

  @Override
  public Class<RocksDbStoreConfig> configType() {
    return RocksDbStoreConfig.class;
  }

  @Override
  public Module module(RocksDbStoreConfig config) {
    return new RocksDbStoreModule(requireNonNull(config, "config"));
  }
}
