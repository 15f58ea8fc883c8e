package io.capstan.plugins.research.conformance;

import io.capstan.spi.scheduler.SchedulerPluginFactory;
import java.util.Map;

/** BestFit against the framework contract, built through its factory as ServiceLoader would. */
class BestFitConformanceTest extends GpuScenarios {

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new io.capstan.plugins.research.policies.BestFitFactory();
  }
}
