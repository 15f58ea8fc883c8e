package io.capstan.runtime.kernel;

import io.capstan.runtime.CapstanException;
import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.matcher.Matchers;
import com.google.inject.spi.Message;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.runtime.kinds.KindRegistryModule;
import io.capstan.runtime.plugin.DiscoveredPlugin;
import io.capstan.runtime.plugin.SpiFamily;
import io.capstan.spi.plugin.Lifecycle;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wired control plane of one process: a Guice injector assembled from the selected plugins'
 * modules and the host's own modules, and the {@link Lifecycle} services it holds, started in
 * dependency order and stopped in reverse.
 */
public final class Kernel implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Kernel.class);

  private final KernelPlan plan;
  private final Injector injector;
  private final LifecycleTracker tracker;
  private final List<Lifecycle> started = new ArrayList<>();
  private boolean closed;

  private Kernel(KernelPlan plan, Injector injector, LifecycleTracker tracker) {
    this.plan = plan;
    this.injector = injector;
    this.tracker = tracker;
  }

  /**
   * Builds the injector. Every singleton is constructed now (Guice's production stage), so a plugin
   * that cannot be wired fails here, with a message naming it, not later at first use.
   */
  public static Kernel create(KernelPlan plan, Module... hostModules) {
    requireNonNull(plan, "plan");
    LifecycleTracker tracker = new LifecycleTracker();
    List<Module> modules = new ArrayList<>();
    modules.add(new AbstractModule() {
      @Override
      protected void configure() {
        bindListener(Matchers.any(), tracker);
        bind(KernelPlan.class).toInstance(plan);
        bind(LayeredConfig.class).toInstance(plan.config());
        bind(RuntimeSettings.class).toInstance(plan.runtime());
        // Authenticator plugins trust nothing unless an API server in this process binds its CA and keys.
        com.google.inject.multibindings.OptionalBinder.newOptionalBinder(binder(), io.capstan.spi.auth.ClusterTrust.class)
            .setDefault().toInstance(io.capstan.spi.auth.ClusterTrust.NONE);
      }
    });
    for (SpiFamily family : plan.catalog().families()) {
      if (!SpiFamilies.wiredFor(family, plan.components())) {
        // e.g. only the API server uses the store: a process of node agents must not open (and lock)
        // an embedded RocksDB in its working directory, nor a scheduler bench start a proxy
        continue;
      }
      List<DiscoveredPlugin> selected = plan.selection().selected(family);
      for (DiscoveredPlugin plugin : selected) {
        modules.add(PluginModules.wrap(plugin, plan.configOf(plugin)));
      }
      modules.add(PluginModules.familyBindings(family, selected));
    }
    if (plan.catalog().families().contains(SpiFamilies.RESOURCE_KINDS)) {
      modules.add(new KindRegistryModule());
    }
    modules.addAll(List.of(hostModules));
    try {
      Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
      return new Kernel(plan, injector, tracker);
    } catch (CreationException e) {
      throw new CapstanException(explain(plan, e.getErrorMessages(), e.getMessage()), e);
    } catch (ProvisionException e) {
      throw new CapstanException(explain(plan, e.getErrorMessages(), e.getMessage()), e);
    }
  }

  /** Names the plugin behind the first Guice error, with Guice's own explanation. */
  static String explain(KernelPlan plan, java.util.Collection<Message> messages, String guiceReport) {
    List<String> lines = new ArrayList<>();
    for (Message message : messages) {
      // Guice's report names the binding chain: the plugin's qualifier (@Named("store:rocksdb"))
      // or its module class (an inner class of the factory) tells whose binding failed.
      String text = messages.size() == 1 ? guiceReport : message.toString() + message.getSources();
      String culprit = plan.selection().allSelected().stream()
          .filter(p -> text.contains("\"" + p.family().id() + ":" + p.name() + "\"") || text.contains(p.factory().getClass().getName()))
          .map(DiscoveredPlugin::toString)
          .findFirst()
          .orElse("the control plane");
      String cause = message.getCause() != null ? message.getCause().toString() : firstLine(message.getMessage());
      lines.add(culprit + " cannot be wired: " + cause);
    }
    return String.join("\n", lines);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  public Injector injector() {
    return injector;
  }

  public KernelPlan plan() {
    return plan;
  }

  /** Starts every {@link Lifecycle} service in dependency order; on failure stops those started. */
  public synchronized void start() {
    for (Lifecycle service : tracker.inStartOrder()) {
      try {
        service.start();
        started.add(service);
        log.debug("started {}", service.getClass().getName());
      } catch (Exception e) {
        close();
        throw new CapstanException(service.getClass().getName() + " failed to start: " + e, e);
      }
    }
  }

  /** The services in the order they were started. */
  public synchronized List<Lifecycle> startedServices() {
    return List.copyOf(started);
  }

  /** Stops the started services in reverse order. Idempotent; failures are logged, not thrown. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = started.size() - 1; i >= 0; i--) {
      Lifecycle service = started.get(i);
      try {
        service.close();
        log.debug("stopped {}", service.getClass().getName());
      } catch (Exception e) {
        log.warn("{} failed to stop cleanly: {}", service.getClass().getName(), e.toString());
      }
    }
    started.clear();
  }
}
