package io.capstan.plugins.controllers.garbagecollector;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;

/** The {@code garbagecollector} controller plugin. */
public final class GarbageCollectorFactory implements ControllerFactory<GarbageCollectorConfig> {

  @Override
  public String name() {
    return GarbageCollector.NAME;
  }

  @Override
  public String description() {
    return "deletes dependents whose owners are gone; foreground and orphan deletion through finalizers";
  }

  @Override
  public Class<GarbageCollectorConfig> configType() {
    return GarbageCollectorConfig.class;
  }

  @Override
  public Module module(GarbageCollectorConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(GarbageCollectorConfig.class).toInstance(config);
        bind(Controller.class).to(GarbageCollector.class);
      }
    };
  }
}
