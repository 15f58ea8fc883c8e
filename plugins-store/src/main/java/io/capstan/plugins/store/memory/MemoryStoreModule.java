package io.capstan.plugins.store.memory;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.capstan.spi.store.Store;

/**
 * Wires the {@code memory} store: one {@link MemoryStore} per injector, bound as {@link Store}. It
 * injects the host's {@code Clock} and {@code TaskExecutor}; the kernel starts and closes it.
 */
public final class MemoryStoreModule extends AbstractModule {

  private final MemoryStoreConfig config;

  public MemoryStoreModule(MemoryStoreConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(MemoryStoreConfig.class).toInstance(config);
    bind(MemoryStore.class).in(Singleton.class);
    bind(Store.class).to(MemoryStore.class);
  }
}
