package io.capstan.runtime.research;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.CapstanException;
import io.capstan.runtime.research.Experiment.Arrival;
import io.capstan.runtime.research.TraceReader.TraceNode;
import io.capstan.runtime.research.TraceReader.TracePod;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A whole experiment: the traces read once, then one {@link FillRun} per (policy, seed), run on up to
 * {@code threads} threads, each single-threaded and deterministic, results in (policy, seed) order.
 */
public final class Simulation {

  /** Where the pods are scheduled. */
  public enum Engine {
    /** The framework of a profile driven directly over a scheduler cache: fast, ties selectable. */
    FRAMEWORK,
    /** The whole control plane on the virtual clock: API server, scheduler component, node agents. */
    CONTROL_PLANE
  }

  /**
   * What to run. {@code seeds} in order; {@code tune} ≤ 0 keeps the trace as it is; {@code firstOnTies}
   * picks the first top-scoring node in node-name order instead of a uniformly random one (framework
   * engine only: the control plane's scheduler breaks ties itself, as Kubernetes does).
   */
  public record Spec(Path nodes, Path pods, TraceReader.CsvMapping mapping, List<String> policies, List<Long> seeds,
      double tune, int threads, boolean firstOnTies, Engine engine, boolean timed) {
    public Spec {
      requireNonNull(engine, "engine");
      if (timed && engine != Engine.CONTROL_PLANE) {
        throw new CapstanException("--replay time runs on the control plane (its scheduling queue retries pending pods "
            + "as time passes): use --engine control-plane, or leave --engine out");
      }
      if (engine == Engine.CONTROL_PLANE && firstOnTies) {
        throw new CapstanException("--tie-break first needs --engine framework: on the control plane the scheduler "
            + "breaks ties between top-scoring nodes itself (uniformly at random, seeded, as Kubernetes' selectHost)");
      }
      requireNonNull(nodes, "nodes");
      requireNonNull(pods, "pods");
      requireNonNull(mapping, "mapping");
      policies = List.copyOf(policies);
      seeds = List.copyOf(seeds);
      if (policies.isEmpty() || seeds.isEmpty()) {
        throw new CapstanException("give at least one --policy and one --seed");
      }
      if (threads < 1) {
        throw new CapstanException("--threads must be at least 1");
      }
    }
  }

  /** The inputs as read and everything the runs produced. */
  public record Outcome(Spec spec, List<TraceNode> nodes, List<TracePod> pods, List<Map<String, Object>> workload,
      List<FillRun.Result> results, List<TimedRun.Result> timed, Map<String, Long> runMillis) {}

  private final Map<String, SchedulerPluginFactory<?>> factories;

  public Simulation(Map<String, SchedulerPluginFactory<?>> factories) {
    this.factories = Map.copyOf(factories);
  }

  public Outcome run(Spec spec, Progress progress) {
    for (Path p : List.of(spec.nodes(), spec.pods())) {
      if (!Files.isReadable(p)) {
        throw new CapstanException("cannot read " + p + ": no such file");
      }
    }
    for (String policy : spec.policies()) {
      if (!factories.containsKey(policy)) {
        throw new CapstanException("unknown policy \"" + policy + "\"; installed scheduler plugins: "
            + new java.util.TreeSet<>(factories.keySet()));
      }
    }
    List<TraceNode> nodes = TraceReader.nodes(spec.nodes(), spec.mapping());
    List<TracePod> pods = TraceReader.pods(spec.pods(), spec.mapping());
    long cluster = nodes.stream().mapToLong(n -> n.gpus() * 1000L).sum();
    List<Map<String, Object>> workload = Experiment.targetWorkload(pods, 0.95);
    if (spec.timed()) {
      return runTimed(spec, nodes, pods, workload, progress);
    }
    List<List<Arrival>> arrivals = new ArrayList<>();
    long total = 0;
    for (long seed : spec.seeds()) {
      List<Arrival> a = Experiment.arrivals(pods, cluster, spec.tune(), seed);
      arrivals.add(a);
      total += (long) a.size() * spec.policies().size();
    }
    progress.start(total, spec.policies().size() * spec.seeds().size());
    FillRun runner = new FillRun(factories);
    ExecutorService pool = Executors.newFixedThreadPool(spec.threads(), r -> {
      Thread t = new Thread(r, "capstan-sim");
      t.setDaemon(true);
      return t;
    });
    int seeds = spec.seeds().size();
    List<Future<FillRun.Result>> futures = new ArrayList<>(java.util.Collections.nCopies(spec.policies().size() * seeds,
        null));
    Map<String, Long> millis = new java.util.concurrent.ConcurrentHashMap<>();
    try {
      // submitted seed by seed, so the costly policies (Random spreads pods and keeps most nodes feasible) are
      // spread over the experiment rather than all run first while the JIT is still compiling; results stay in
      // (policy, seed) order
      for (int s = 0; s < seeds; s++) {
        for (int p = 0; p < spec.policies().size(); p++) {
          String policy = spec.policies().get(p);
          long seed = spec.seeds().get(s);
          List<Arrival> a = arrivals.get(s);
          futures.set(p * seeds + s, pool.submit(() -> {
            long began = System.nanoTime();
            AtomicLong last = new AtomicLong();
            String profile = FillRun.profileYaml(policy, seed, workload);
            java.util.function.IntConsumer onPods = done -> progress.advance(done - last.getAndSet(done));
            FillRun.Result r = spec.engine() == Engine.CONTROL_PLANE
                ? ControlPlaneRun.fill(policy, seed, nodes, a, profile, onPods)
                : runner.run(policy, seed, nodes, a, profile, spec.firstOnTies(), onPods);
            millis.put(policy + "/" + seed, (System.nanoTime() - began) / 1_000_000);
            progress.runDone();
            return r;
          }));
        }
      }
      List<FillRun.Result> results = new ArrayList<>();
      for (Future<FillRun.Result> f : futures) {
        results.add(f.get());
      }
      return new Outcome(spec, nodes, pods, workload, results, List.of(), Map.copyOf(millis));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new CapstanException("a simulation run failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CapstanException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome runTimed(Spec spec, List<TraceNode> nodes, List<TracePod> pods, List<Map<String, Object>> workload,
      Progress progress) {
    int events = TimedRun.events(pods).size();
    progress.start((long) events * spec.policies().size() * spec.seeds().size(), spec.policies().size() * spec.seeds().size());
    Map<String, Long> millis = new java.util.concurrent.ConcurrentHashMap<>();
    List<java.util.concurrent.Callable<TimedRun.Result>> runs = new ArrayList<>();
    for (String policy : spec.policies()) {
      for (long seed : spec.seeds()) {
        runs.add(() -> {
          long began = System.nanoTime();
          AtomicLong last = new AtomicLong();
          TimedRun.Result r = TimedRun.replay(policy, seed, nodes, pods, FillRun.profileYaml(policy, seed, workload),
              done -> progress.advance(done - last.getAndSet(done)));
          millis.put(policy + "/" + seed, (System.nanoTime() - began) / 1_000_000);
          progress.runDone();
          return r;
        });
      }
    }
    return new Outcome(spec, nodes, pods, workload, List.of(), inParallel(runs, spec.threads()), Map.copyOf(millis));
  }

  /** Runs the tasks on up to {@code threads} threads; results in task order; the first failure is thrown. */
  static <T> List<T> inParallel(List<java.util.concurrent.Callable<T>> tasks, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "capstan-sim");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (java.util.concurrent.Callable<T> task : tasks) {
        futures.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new CapstanException("a simulation run failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CapstanException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Told how far the experiment is. Called from the run threads. */
  public interface Progress {
    void start(long totalPods, int runs);

    void advance(long pods);

    void runDone();

    Progress NONE = new Progress() {
      @Override
      public void start(long totalPods, int runs) {}

      @Override
      public void advance(long pods) {}

      @Override
      public void runDone() {}
    };

    /** Wraps a consumer of the pod count. */
    static Progress counting(LongConsumer onPods) {
      return new Progress() {
        @Override
        public void start(long totalPods, int runs) {}

        @Override
        public void advance(long pods) {
          onPods.accept(pods);
        }

        @Override
        public void runDone() {}
      };
    }
  }
}
