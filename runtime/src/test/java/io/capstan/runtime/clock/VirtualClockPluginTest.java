package io.capstan.runtime.clock;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.ClockFactory;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;
import java.util.Map;

class VirtualClockPluginTest extends AbstractPluginTest<VirtualClockConfig> {

  @Override
  protected PluginFactory<VirtualClockConfig> factory() {
    return new VirtualClockFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return ClockFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(Clock.class, TaskExecutor.class);
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of("seed", "7", "epoch", "2030-01-01T00:00:00Z");
  }
}
