package io.capstan.plugins.store.etcd;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.store.Store;

/**
 * Wires the {@code etcd} plugin: one {@link EtcdStore} per injector, given the host's {@link Clock}
 * and {@link TaskExecutor} (watch delivery and watch resumption run there). Building the store
 * opens no connection; {@link EtcdStore#start()} does, when the kernel starts its services.
 */
public final class EtcdStoreModule extends AbstractModule {

  private final EtcdStoreConfig config;

  public EtcdStoreModule(EtcdStoreConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(Store.class).to(EtcdStore.class);
  }

  @Provides
  @Singleton
  EtcdStore store(Clock clock, TaskExecutor executor) {
    return new EtcdStore(config, clock, executor);
  }
}
