package io.capstan.examples.scheduler.labelpacking;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;

/** Registers {@link LabelPacking} (one line in META-INF/services names this class). */
public final class LabelPackingFactory implements SchedulerPluginFactory<LabelPackingArgs> {

  @Override
  public String name() {
    return LabelPacking.NAME;
  }

  @Override
  public String description() {
    return "packs pods onto the nodes carrying a given label (example)";
  }

  @Override
  public Class<LabelPackingArgs> configType() {
    return LabelPackingArgs.class;
  }

  @Override
  public Module module(LabelPackingArgs args) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(LabelPackingArgs.class).toInstance(args);
        bind(SchedulerPlugin.class).to(LabelPacking.class);
      }
    };
  }
}
