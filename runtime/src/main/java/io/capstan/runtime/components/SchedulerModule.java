package io.capstan.runtime.components;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.kernel.SpiFamilies;
import io.capstan.runtime.plugin.DiscoveredPlugin;
import io.capstan.runtime.scheduler.SchedulerComponent;
import io.capstan.runtime.scheduler.SchedulerOptions;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the scheduler component: the scheduler plugins of the REGISTRY family by name, the
 * profiles from {@code scheduler.configFile} (or Kubernetes' default profile), and the options
 * under {@code scheduler.*}. It talks to the API server through the process's {@link ApiClient}:
 * in-process next to an API server, over HTTP to {@code client.server} otherwise.
 */
public final class SchedulerModule extends AbstractModule {

  @Provides
  @Singleton
  SchedulerComponent scheduler(KernelPlan plan, LayeredConfig config, Injector injector, ApiClient client) {
    Map<String, SchedulerPluginFactory<?>> registry = new LinkedHashMap<>();
    for (DiscoveredPlugin p : plan.catalog().plugins(SpiFamilies.SCHEDULER)) {
      registry.put(p.name(), (SchedulerPluginFactory<?>) p.factory());
    }
    String file = config.string("scheduler.configFile").trim();
    Optional<Path> configFile = file.isEmpty() ? Optional.empty() : Optional.of(plan.resolvePath(file));
    SchedulerOptions options = new SchedulerOptions(Boolean.parseBoolean(config.string("scheduler.explain")),
        new HashSet<>(config.list("scheduler.explainOff")), Boolean.parseBoolean(config.string("scheduler.events")),
        Long.parseLong(config.string("scheduler.seed")), Duration.ofMinutes(15), 64, 16,
        Boolean.parseBoolean(config.string("scheduler.opportunisticBatching")));
    return new SchedulerComponent(configFile, options, registry, injector, client);
  }
}
