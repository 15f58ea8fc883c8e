package io.capstan.plugins.research.conformance;

import io.capstan.spi.scheduler.SchedulerPluginFactory;
import java.util.Map;

/** Fgd against the framework contract, built through its factory as ServiceLoader would. */
class FgdConformanceTest extends GpuScenarios {

  @Override
  protected SchedulerPluginFactory<?> factory() {
    return new io.capstan.plugins.research.policies.FgdFactory();
  }

  @Override
  protected Map<String, ?> args() {
    return workload();
  }
}
