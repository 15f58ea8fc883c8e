package io.capstan.runtime.scheduler;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import io.capstan.runtime.CapstanException;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.scheduler.profile.ConfigurationLoader;
import io.capstan.runtime.scheduler.profile.SchedulerConfig;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.Lifecycle;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler as a component of {@code capstan up}. Built when the process is wired, so a bad
 * configuration file or an unknown plugin stops start-up with a message naming the file, profile
 * and plugin. Without a configuration file and without the default plugins installed (a build that
 * carries no plugins-scheduler), it stays off with a warning instead.
 */
public final class SchedulerComponent implements Lifecycle {

  private static final Logger log = LoggerFactory.getLogger(SchedulerComponent.class);

  private final Optional<Scheduler> scheduler;

  public SchedulerComponent(Optional<Path> configFile, SchedulerOptions options,
      Map<String, SchedulerPluginFactory<?>> registry, Injector injector, ApiClient client) {
    requireNonNull(configFile, "configFile");
    SchedulerConfig config = configFile.map(ConfigurationLoader::load).orElseGet(ConfigurationLoader::defaults);
    DefaultInformerFactory informers = new DefaultInformerFactory(client, injector.getInstance(TaskExecutor.class),
        injector.getInstance(Clock.class));
    Scheduler built;
    try {
      built = SchedulerAssembly.build(config, options, registry, injector, client, informers, true);
    } catch (CapstanException e) {
      if (configFile.isPresent() || !registry.isEmpty()) {
        throw e;
      }
      log.warn("scheduler not started: no scheduler plugins are installed ({}); add plugins-scheduler to the class path",
          e.getMessage());
      built = null;
    }
    this.scheduler = Optional.ofNullable(built);
  }

  /** The running scheduler, empty when it stayed off. */
  public Optional<Scheduler> scheduler() {
    return scheduler;
  }

  @Override
  public void start() {
    scheduler.ifPresent(Scheduler::start);
  }

  @Override
  public void close() {
    scheduler.ifPresent(Scheduler::close);
  }
}
