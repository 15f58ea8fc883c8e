package io.capstan.plugins.scheduler.imagelocality;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link ImageLocality} under Kubernetes' name {@value ImageLocality#NAME}. */
public final class ImageLocalityFactory implements SchedulerPluginFactory<NoConfig> {

  @Override
  public String name() {
    return ImageLocality.NAME;
  }

  @Override
  public String description() {
    return "favours nodes that already have the pod's images (Score)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new ImageLocalityModule(config);
  }
}
