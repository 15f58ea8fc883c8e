package io.capstan.plugins.store.etcd;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.StoreFactory;
import io.capstan.tck.etcd.EtcdExtension;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code etcd} plugin built the way the kernel builds it, started against a real etcd. */
class EtcdStorePluginTest extends AbstractPluginTest<EtcdStoreConfig> {

  @RegisterExtension
  static final EtcdExtension ETCD = new EtcdExtension();

  private final PooledTaskExecutor executor = new PooledTaskExecutor(1, Duration.ofSeconds(1));

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.close();
  }

  @Override
  protected PluginFactory<EtcdStoreConfig> factory() {
    return new EtcdStoreFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return StoreFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(Store.class);
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of("endpoints", List.of(ETCD.endpoint().toString()),
        "keyPrefix", "/plugin-test/",
        "requestTimeout", "3s");
  }

  @Override
  protected Module hostModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(new WallClock());
        bind(TaskExecutor.class).toInstance(executor);
      }
    };
  }
}
