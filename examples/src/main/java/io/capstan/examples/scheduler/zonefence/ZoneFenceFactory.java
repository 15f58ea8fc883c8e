package io.capstan.examples.scheduler.zonefence;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/**
 * Registers {@link ZoneFence} with Capstan: this class is named in
 * {@code META-INF/services/io.capstan.spi.scheduler.SchedulerPluginFactory}, and that line is all it
 * takes for ServiceLoader to find it.
 */
public final class ZoneFenceFactory implements SchedulerPluginFactory<ZoneFenceConfig> {

  @Override
  public String name() {
    return ZoneFence.NAME;
  }

  @Override
  public String description() {
    return "keeps pods inside a set of zones (example plugin)";
  }

  @Override
  public Class<ZoneFenceConfig> configType() {
    return ZoneFenceConfig.class;
  }

  @Override
  public Module module(ZoneFenceConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(ZoneFenceConfig.class).toInstance(config);
        bind(SchedulerPlugin.class).to(ZoneFence.class);
      }
    };
  }
}
