package io.capstan.examples.scheduler.zonefence;

import io.capstan.spi.plugin.PluginFactory;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;
import java.util.Map;

/** The kit's checks: name, registration, settings, wiring. Copy this file with the plugin. */
class ZoneFencePluginTest extends AbstractPluginTest<ZoneFenceConfig> {

  @Override
  protected PluginFactory<ZoneFenceConfig> factory() {
    return new ZoneFenceFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return SchedulerPluginFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(SchedulerPlugin.class);
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of("allowedZones", List.of("eu-1a", "eu-1b"));
  }
}
