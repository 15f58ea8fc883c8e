package io.capstan.runtime.clock;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.PrivateModule;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.ClockFactory;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.Lifecycle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What each clock plugin binds beyond the SPI contract that {@link WallClockPluginTest} and {@link
 * VirtualClockPluginTest} check: the pool size, and the concrete virtual types a simulation drives.
 */
class ClockPluginTest {

  private static Map<String, ClockFactory<?>> factories() {
    return ServiceLoader.load(ClockFactory.class).stream()
        .map(p -> (ClockFactory<?>) p.get())
        .collect(Collectors.toMap(ClockFactory::name, Function.identity()));
  }

  /** What the kernel does with a plugin module: wrap it and expose only the SPI. */
  private static Injector kernelStyle(Module plugin) {
    return Guice.createInjector(new PrivateModule() {
      @Override
      protected void configure() {
        install(plugin);
        expose(Clock.class);
        expose(TaskExecutor.class);
      }
    });
  }

  @Test
  void wallPluginBindsSingletonsThatRunTasksAndClose() throws Exception {
    WallClockFactory factory = (WallClockFactory) factories().get("wall");
    Injector injector = kernelStyle(factory.module(new WallClockConfig(2)));

    TaskExecutor executor = injector.getInstance(TaskExecutor.class);
    assertThat(injector.getInstance(TaskExecutor.class)).isSameAs(executor);
    assertThat(injector.getInstance(Clock.class)).isSameAs(injector.getInstance(Clock.class))
        .isInstanceOf(WallClock.class);
    assertThat(executor).isInstanceOf(PooledTaskExecutor.class).isInstanceOf(Lifecycle.class);
    assertThat(((PooledTaskExecutor) executor).threads()).isEqualTo(2);

    CountDownLatch ran = new CountDownLatch(1);
    executor.schedule(Duration.ofMillis(5), ran::countDown);
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    ((Lifecycle) executor).close();
  }

  @Test
  void virtualPluginBindsTheConcreteTypesToTheSameInstancesAsTheSpi() throws Exception {
    VirtualClockFactory factory = (VirtualClockFactory) factories().get("virtual");
    Injector injector = Guice.createInjector(factory.module(VirtualClockConfig.withSeed(5)));

    DeterministicExecutor executor = injector.getInstance(DeterministicExecutor.class);
    assertThat(injector.getInstance(TaskExecutor.class)).isSameAs(executor);
    assertThat(injector.getInstance(Clock.class)).isSameAs(injector.getInstance(VirtualClock.class))
        .isSameAs(executor.clock());
    assertThat(executor.clock().now()).isEqualTo(VirtualClockConfig.DEFAULT_EPOCH);

    StringBuilder ran = new StringBuilder();
    executor.schedule(Duration.ofMinutes(1), () -> ran.append("ran"));
    executor.advance(Duration.ofMinutes(1));
    assertThat(ran).hasToString("ran");
    executor.close();
  }
}
