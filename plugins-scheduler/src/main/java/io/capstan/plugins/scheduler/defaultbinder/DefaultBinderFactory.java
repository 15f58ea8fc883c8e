package io.capstan.plugins.scheduler.defaultbinder;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link DefaultBinder} under Kubernetes' name {@value DefaultBinder#NAME}. */
public final class DefaultBinderFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return DefaultBinder.NAME;
  }

  @Override
  public String description() {
    return "binds through the pods/binding subresource (Bind)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new DefaultBinderModule(config);
  }
}
