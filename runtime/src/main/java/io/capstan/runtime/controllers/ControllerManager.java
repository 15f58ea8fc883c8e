package io.capstan.runtime.controllers;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.SharedInformer;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller manager: runs the enabled {@link Controller} plugins, each with its own
 * rate-limited work queue and workers on the shared executor, over one set of shared informers.
 *
 * <p>{@link #start()} calls every controller's {@code setup} (declaring watches and indexes), starts
 * the informers, and then, at once or after winning the leader election, starts a
 * {@link ControllerRunner} per controller. A runner processes keys only after every informer its
 * controller declared has synced. Losing the lease stops every runner (queues are dropped; a later
 * term starts with fresh queues fed by the informers' current contents).
 */
public final class ControllerManager implements Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);

  private record Prepared(Controller controller, HostSetup setup, SharedInformer<? extends HasMetadata> primary) {}

  private final List<Controller> controllers;
  private final ApiClient client;
  private final InformerFactory informers;
  private final Clock clock;
  private final TaskExecutor executor;
  private final ControllerManagerSettings settings;
  private final String identity;
  private final boolean ownsInformers;
  private final List<Prepared> prepared = new ArrayList<>();
  private final Map<String, ControllerRunner> runners = new LinkedHashMap<>(); // guarded by this
  private LeaderElector elector; // guarded by this
  private boolean started; // guarded by this
  private boolean closed; // guarded by this
  private long terms; // guarded by this
  private boolean active; // guarded by this: controllers running (leading, or no election)

  /**
   * @param informers the process's shared informers; {@code ownsInformers} says whether this
   *     manager starts and stops them
   */
  public ControllerManager(List<Controller> controllers, ApiClient client, InformerFactory informers,
      boolean ownsInformers, Clock clock, TaskExecutor executor, ControllerManagerSettings settings) {
    this.controllers = List.copyOf(requireNonNull(controllers, "controllers"));
    this.client = requireNonNull(client, "client");
    this.informers = requireNonNull(informers, "informers");
    this.ownsInformers = ownsInformers;
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.settings = requireNonNull(settings, "settings");
    this.identity = settings.leaderElection().identity().isBlank() ? defaultIdentity()
        : settings.leaderElection().identity();
    Set<String> names = new HashSet<>();
    for (Controller c : this.controllers) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("two controllers are named '" + c.name() + "'; names must be unique");
      }
    }
  }

  @Override
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    for (Controller controller : controllers) {
      HostSetup setup = new HostSetup(informers);
      SharedInformer<? extends HasMetadata> primary = informers.sharedInformer(controller.primaryType());
      controller.setup(setup);
      setup.close();
      prepared.add(new Prepared(controller, setup, primary));
    }
    if (ownsInformers) {
      informers.start();
    }
    LOG.info("controller manager {}: {} controllers {}", identity, controllers.size(),
        controllers.stream().map(Controller::name).toList());
    if (settings.leaderElection().enabled()) {
      elector = new LeaderElector(client, clock, executor, settings.leaderElection(), identity,
          new LeaderElector.Callbacks() {
            @Override
            public void startedLeading() {
              startTerm();
            }

            @Override
            public void stoppedLeading() {
              stopTerm();
            }
          });
      elector.start();
    } else {
      startTerm();
    }
  }

  private synchronized void startTerm() {
    if (closed || active) {
      return;
    }
    active = true;
    terms++;
    for (Prepared p : prepared) {
      Controller c = p.controller();
      int workers = settings.workers().getOrDefault(c.name(), Math.max(1, c.defaultWorkers()));
      ClusterEventRecorder events = new ClusterEventRecorder(client, clock, executor, c.name() + "-controller", identity);
      ControllerRunner runner = new ControllerRunner(c, p.setup(), p.primary(),
          new HostContext(client, informers, clock, events, executor), executor, workers, settings.resyncPeriod());
      runners.put(c.name(), runner);
      runner.start();
    }
  }

  private synchronized void stopTerm() {
    active = false;
    runners.values().forEach(ControllerRunner::stop);
    runners.clear();
  }

  /** Whether this manager's controllers are running (it leads, or runs without election). */
  public synchronized boolean isActive() {
    return active;
  }

  /** How many times this manager started its controllers (once per leadership term). */
  public synchronized long terms() {
    return terms;
  }

  public String identity() {
    return identity;
  }

  /**
   * True when every controller has synced and has nothing ready or in progress. Keys waiting for a
   * delay (requeueAfter, back-off) do not count. False while not leading.
   */
  public synchronized boolean idle() {
    return active && runners.values().stream().allMatch(ControllerRunner::idle);
  }

  /** True when this manager runs its controllers and every one has synced its informers. */
  public synchronized boolean synced() {
    return active && runners.values().stream().allMatch(ControllerRunner::synced);
  }

  /** Total reconciles so far in this term, per controller. */
  public synchronized Map<String, Long> reconciles() {
    Map<String, Long> out = new LinkedHashMap<>();
    runners.forEach((name, runner) -> out.put(name, runner.reconciles()));
    return out;
  }

  /** Queues a key for a controller, as an event would. */
  public synchronized void enqueue(String controller, io.capstan.spi.api.ObjectKey key) {
    Optional.ofNullable(runners.get(controller)).ifPresent(r -> r.enqueue(key));
  }

  public InformerFactory informers() {
    return informers;
  }

  @Override
  public void close() {
    LeaderElector e;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      e = elector;
    }
    if (e != null) {
      e.close();
    }
    synchronized (this) {
      active = false;
      runners.values().forEach(ControllerRunner::stop);
      runners.clear();
    }
    if (ownsInformers) {
      informers.stop();
    }
  }

  private static String defaultIdentity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "localhost";
    }
    return host + "_" + UUID.randomUUID();
  }
}
