package io.capstan.plugins.research.conformance;

import io.capstan.spi.scheduler.SchedulerPluginFactory;
import java.util.Map;

/** Random against the framework contract, built through its factory as ServiceLoader would. */
class RandomConformanceTest extends GpuScenarios {

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new io.capstan.plugins.research.policies.RandomFactory();
  }

  @Override
  protected Map<String, ?> args() {
    return Map.of("seed", 42);
  }
}
