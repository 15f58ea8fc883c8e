package io.capstan.plugins.store.memory;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.capstan.spi.store.StoreFactory;

/**
 * The {@code memory} store plugin ({@code store.plugin: memory}), registered in {@code
 * META-INF/services/io.capstan.spi.store.StoreFactory}.
 */
public final class MemoryStoreFactory implements StoreFactory<MemoryStoreConfig> {

  /** The name selected by {@code store.plugin: memory}. */
  public static final String NAME = "memory";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "In-memory MVCC store with etcd semantics; nothing survives a restart";
  }

  @Override
  public Class<MemoryStoreConfig> configType() {
    return MemoryStoreConfig.class;
  }

  @Override
  public Module module(MemoryStoreConfig config) {
    return new MemoryStoreModule(requireNonNull(config, "config"));
  }
}
