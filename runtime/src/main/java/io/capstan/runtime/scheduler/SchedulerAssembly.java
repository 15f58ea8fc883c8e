package io.capstan.runtime.scheduler;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import io.capstan.runtime.scheduler.cache.SchedulerCache;
import io.capstan.runtime.scheduler.cache.Snapshot;
import io.capstan.runtime.scheduler.framework.Framework;
import io.capstan.runtime.scheduler.framework.FrameworkHandleImpl;
import io.capstan.runtime.scheduler.profile.ProfileBuilder;
import io.capstan.runtime.scheduler.profile.ProfileSpec;
import io.capstan.runtime.scheduler.profile.SchedulerConfig;
import io.capstan.runtime.scheduler.queue.SchedulingQueue;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Scheduler} from a loaded configuration: one cache and snapshot shared by all
 * profiles, one framework per profile with its plugins wired in a child injector of {@code parent}
 * (which must provide {@link Clock} and {@link TaskExecutor}, and whatever else plugins inject).
 */
public final class SchedulerAssembly {

  private SchedulerAssembly() {}

  public static Scheduler build(SchedulerConfig config, SchedulerOptions options,
      Map<String, SchedulerPluginFactory<?>> factories, Injector parent, ApiClient client, InformerFactory informers,
      boolean ownsInformers) {
    return buildWith(config, options, io.capstan.runtime.scheduler.profile.PluginRegistration.ofFactories(factories),
        parent, client, informers, ownsInformers);
  }

  /** The same with plugins given as registrations (the host's own bench plugins). */
  public static Scheduler buildWith(SchedulerConfig config, SchedulerOptions options,
      Map<String, io.capstan.runtime.scheduler.profile.PluginRegistration> registry, Injector parent, ApiClient client,
      InformerFactory informers, boolean ownsInformers) {
    requireNonNull(config, "config");
    Clock clock = parent.getInstance(Clock.class);
    TaskExecutor executor = parent.getInstance(TaskExecutor.class);
    SchedulerCache cache = new SchedulerCache(options.assumedPodTtl());
    Snapshot snapshot = new Snapshot();
    ProfileBuilder builder = new ProfileBuilder(parent, registry);
    List<Framework> frameworks = new ArrayList<>();
    for (ProfileSpec spec : config.profiles()) {
      FrameworkHandleImpl handle = new FrameworkHandleImpl(spec.schedulerName(), clock, config.parallelism(),
          () -> snapshot, (pod, node) -> ApiBinder.bind(client, pod, node));
      frameworks.add(builder.build(spec, handle, config.percentageOfNodesToScore(), options.explainFor(spec.schedulerName())));
    }
    SchedulingQueue.Settings queue = new SchedulingQueue.Settings(config.podInitialBackoff(), config.podMaxBackoff(),
        SchedulingQueue.Settings.defaults().maxInUnschedulable());
    return new Scheduler(frameworks, client, informers, ownsInformers, clock, executor, options, queue, cache, snapshot);
  }
}
