package io.capstan.tck.scheduler;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginConfigMapper;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import java.util.Map;

/**
 * Builds a scheduler plugin the way the framework does: arguments bound from a map with the
 * kernel's strict mapper, the factory's module installed in an injector that offers the {@link
 * FrameworkHandle} and its clock.
 */
public final class TestPlugins {

  private TestPlugins() {}

  /** The plugin with {@code args} (a map as in {@code pluginConfig[].args}, empty for defaults). */
  public static <C> SchedulerPlugin create(SchedulerPluginFactory<C> factory, Map<String, ?> args,
      FrameworkHandle handle) {
    Class<C> type = factory.configType();
    C config = type == NoConfig.class ? type.cast(NoConfig.INSTANCE)
        : PluginConfigMapper.create().convertValue(args, type);
    return createWith(factory, config, handle);
  }

  /** The plugin with an already bound configuration object. */
  public static <C> SchedulerPlugin createWith(SchedulerPluginFactory<C> factory, C config,
      FrameworkHandle handle) {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, new AbstractModule() {
      @Override
      protected void configure() {
        bind(FrameworkHandle.class).toInstance(handle);
        bind(Clock.class).toInstance(handle.clock());
      }
    }, factory.module(config));
    return injector.getInstance(SchedulerPlugin.class);
  }
}
