package io.capstan.runtime.kernel;

import io.capstan.runtime.plugin.SelectionMode;
import io.capstan.runtime.plugin.SpiFamily;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.ClockFactory;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.StoreFactory;
import java.util.List;

/** The plugin slots of the architecture's SPI catalogue, in the order {@code capstan plugins} lists them. */
public final class SpiFamilies {

  public static final SpiFamily CLOCK = new SpiFamily("clock", "Clock / executor", ClockFactory.class,
      List.of(Clock.class, TaskExecutor.class), SelectionMode.ONE, "runtime.clock", "clock");

  public static final SpiFamily STORE = new SpiFamily("store", "Store", StoreFactory.class,
      List.of(Store.class), SelectionMode.ONE, "store.plugin", "store");

  public static final SpiFamily SCHEDULER = new SpiFamily("scheduler", "Scheduler plugins", SchedulerPluginFactory.class,
      List.of(SchedulerPlugin.class), SelectionMode.REGISTRY, "", "scheduler.plugins");

  public static final List<SpiFamily> ALL = List.of(STORE, SCHEDULER, CLOCK);

  private SpiFamilies() {}
}
