package io.capstan.plugins.store;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.StoreFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The kit's plugin test for a store plugin: the SPI is {@link StoreFactory}/{@link Store}, and the
 * host offers a wall clock and a small pool, as a running control plane does.
 *
 * @param <C> the plugin's config record
 */
public abstract class AbstractStorePluginTest<C> extends AbstractPluginTest<C> {

  /** The host's executor, shared with the store under test and closed after each test. */
  protected final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.close();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected final Class<? extends PluginFactory> spiFactoryType() {
    return StoreFactory.class;
  }

  @Override
  protected final List<Class<?>> serviceTypes() {
    return List.of(Store.class);
  }

  @Override
  protected final Module hostModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(new WallClock());
        bind(TaskExecutor.class).toInstance(executor);
      }
    };
  }
}
