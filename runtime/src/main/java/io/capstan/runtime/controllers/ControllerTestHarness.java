package io.capstan.runtime.controllers;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.client.informer.InformerOptions;
import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.controller.Controller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs controllers in a test exactly as the controller manager runs them (same setup, queues,
 * workers, result handling and event recorder), against any {@link ApiClient} — usually
 * {@code TestControlPlane.client()} (package {@code ...controllers.testing}), an in-process API server.
 *
 * <pre>{@code
 * try (TestControlPlane cp = TestControlPlane.start(store, clock, executor);
 *      ControllerTestHarness h = ControllerTestHarness.builder(cp.client(), clock, executor)
 *          .controller(new MyController()).start()) {
 *   cp.client().resources(MyKind.class).create(...);
 *   h.awaitQuiescence(Duration.ofSeconds(10));
 *   // assert on objects read through cp.client()
 * }
 * }</pre>
 *
 * <p>With a {@link DeterministicExecutor} the harness drives the executor itself while waiting; with
 * a thread pool it waits on the wall clock. {@link #restart()} replaces the manager with a fresh one
 * (new informers, empty caches and queues), as a controller-manager restart would.
 */
public final class ControllerTestHarness implements AutoCloseable {

  private final ApiClient client;
  private final Clock clock;
  private final TaskExecutor executor;
  private final List<Controller> controllers;
  private final ControllerManagerSettings settings;
  private final InformerOptions informerOptions;
  private ControllerManager manager;

  private ControllerTestHarness(Builder b) {
    this.client = b.client;
    this.clock = b.clock;
    this.executor = b.executor;
    this.controllers = List.copyOf(b.controllers);
    this.settings = b.settings;
    this.informerOptions = b.informerOptions;
  }

  public static Builder builder(ApiClient client, Clock clock, TaskExecutor executor) {
    return new Builder(client, clock, executor);
  }

  /** Options of a harness; {@link #start()} starts it. */
  public static final class Builder {
    private final ApiClient client;
    private final Clock clock;
    private final TaskExecutor executor;
    private final List<Controller> controllers = new ArrayList<>();
    private ControllerManagerSettings settings = ControllerManagerSettings.standalone();
    private InformerOptions informerOptions = InformerOptions.defaults();

    private Builder(ApiClient client, Clock clock, TaskExecutor executor) {
      this.client = requireNonNull(client, "client");
      this.clock = requireNonNull(clock, "clock");
      this.executor = requireNonNull(executor, "executor");
    }

    public Builder controller(Controller... more) {
      controllers.addAll(List.of(more));
      return this;
    }

    /** Workers of one controller (default: its {@code defaultWorkers()}). */
    public Builder workers(String controller, int count) {
      settings = settings.withWorkers(controller, count);
      return this;
    }

    public Builder resyncPeriod(Duration period) {
      settings = settings.withResyncPeriod(period);
      return this;
    }

    public Builder leaderElection(LeaderElectionSettings election) {
      settings = settings.withLeaderElection(election);
      return this;
    }

    public Builder informerOptions(InformerOptions options) {
      informerOptions = requireNonNull(options, "options");
      return this;
    }

    public ControllerTestHarness start() {
      if (controllers.isEmpty()) {
        throw new IllegalStateException("give the harness at least one controller");
      }
      ControllerTestHarness harness = new ControllerTestHarness(this);
      harness.startManager();
      return harness;
    }
  }

  private synchronized void startManager() {
    DefaultInformerFactory informers = new DefaultInformerFactory(client, executor, clock, informerOptions);
    manager = new ControllerManager(controllers, client, informers, true, clock, executor, settings);
    manager.start();
  }

  public synchronized ControllerManager manager() {
    return manager;
  }

  public ApiClient client() {
    return client;
  }

  public Clock clock() {
    return clock;
  }

  /** Stops the manager and starts a new one with empty caches and queues. */
  public synchronized void restart() {
    manager.close();
    startManager();
  }

  /** Waits until every controller has synced its informers and started. */
  public void awaitStarted(Duration timeout) {
    awaitCondition(timeout, () -> manager().synced(), "controllers started");
  }

  /**
   * Waits until the controllers have nothing left to do: every queue empty and no reconcile running,
   * observed three times in a row 20 ms apart (so an event in flight from the API server has time to
   * arrive). Keys waiting for a delay do not count. With a {@link DeterministicExecutor} this runs
   * the executor until idle, without moving time.
   *
   * @throws AssertionError when the controllers are still busy after {@code timeout}
   */
  public void awaitQuiescence(Duration timeout) {
    if (executor instanceof DeterministicExecutor deterministic) {
      for (int i = 0; i < 10_000; i++) {
        deterministic.runUntilIdle();
        if (manager().idle()) {
          deterministic.runUntilIdle();
          if (manager().idle()) {
            return;
          }
        }
        Thread.onSpinWait();
      }
      throw new AssertionError("controllers still busy on the deterministic executor: " + manager().reconciles());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    int quiet = 0;
    while (quiet < 3) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("controllers still busy after " + timeout + "; reconciles so far: "
            + manager().reconciles());
      }
      quiet = manager().idle() ? quiet + 1 : 0;
      pause();
    }
  }

  private void awaitCondition(Duration timeout, java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (executor instanceof DeterministicExecutor deterministic) {
        deterministic.runUntilIdle();
      } else {
        pause();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the controllers", e);
    }
  }

  @Override
  public synchronized void close() {
    if (manager != null) {
      manager.close();
    }
  }
}
