package io.capstan.runtime.research;

import com.google.inject.Module;
import io.capstan.runtime.CapstanException;
import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.components.ComponentModules;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.research.Experiment.Arrival;
import io.capstan.runtime.research.TraceReader.TraceNode;
import io.capstan.runtime.scheduler.Scheduler;
import io.capstan.runtime.scheduler.SchedulerComponent;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * One run on the real control plane, as {@code capstan up} assembles it: a {@link Kernel} with the
 * API server (memory store, the configured admission chain) and the scheduler component reading
 * the run's KubeSchedulerConfiguration from {@code scheduler.configFile}, plus one simulated node
 * agent per trace node ({@link SimNodes}); everything on the virtual clock and the deterministic
 * executor, which this thread drives. Pods are created through the API; the scheduler sees them
 * through its informers and queue, binds through {@code pods/binding}; node agents run them.
 * Ties between top-scoring nodes are broken by the scheduler itself (Kubernetes' selectHost,
 * seeded with {@code scheduler.seed}).
 */
final class ControlPlaneRun {

  /** A started control plane for one run; closing it stops everything and deletes its folder. */
  static final class Cluster implements AutoCloseable {
    final Kernel kernel;
    final ApiClient client;
    final DeterministicExecutor executor;
    final Scheduler scheduler;
    final SimNodes nodes;
    final long clusterGpuMilli;
    private final Path dir;

    private Cluster(Kernel kernel, DeterministicExecutor executor, SimNodes nodes, long clusterGpuMilli, Path dir) {
      this.kernel = kernel;
      this.client = kernel.injector().getInstance(ApiClient.class);
      this.executor = executor;
      this.scheduler = kernel.injector().getInstance(SchedulerComponent.class).scheduler()
          .orElseThrow(() -> new CapstanException("the scheduler component did not start"));
      this.nodes = nodes;
      this.clusterGpuMilli = clusterGpuMilli;
      this.dir = dir;
    }

    @Override
    public void close() {
      try {
        nodes.close();
        kernel.close();
      } finally {
        deleteTree(dir);
      }
    }
  }

  static final String NAMESPACE = "sim";

  private ControlPlaneRun() {}

  /** The kernel settings of a run: what differs from {@code capstan up}'s defaults, and why. */
  static Map<String, String> flags(Path dir, Path schedulerConfig, long seed) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("components", "apiserver,scheduler");
    flags.put("runtime.clock", "virtual");
    flags.put("clock.virtual.seed", Long.toString(seed));
    flags.put("store.plugin", "memory"); // nothing outlives the run
    // a timed replay spans months of virtual time: keep 10,000 revisions, checked every 6 virtual hours
    // (the default, 10 minutes of history checked every minute, would compact and log 200,000 times)
    flags.put("store.memory.autoCompaction.mode", "revision");
    flags.put("store.memory.autoCompaction.retention", "10000");
    flags.put("store.memory.autoCompaction.interval", "6h");
    // etcd's own default: the memory store's 1 s (for tests) would wake every store watch every virtual second
    flags.put("store.memory.progressNotifyInterval", "10m");
    flags.put("runtime.dataDir", dir.toString());
    flags.put("apiserver.port", "0");
    flags.put("scheduler.configFile", schedulerConfig.toString());
    flags.put("scheduler.seed", Long.toString(seed));
    // explanations (per-node filter/score annotations) and events are reporting, not decisions; off for speed
    flags.put("scheduler.explain", "false");
    flags.put("scheduler.events", "false");
    return flags;
  }

  /** Starts the control plane of one run with the trace's nodes registered by their agents. */
  static Cluster start(List<TraceNode> traceNodes, List<String> names, String profileYaml, long seed,
      SimNodes.Timing timing) {
    Path dir;
    try {
      dir = Files.createTempDirectory("capstan-sim-");
      Files.writeString(dir.resolve("scheduler.yaml"), profileYaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the run's folder: " + e.getMessage(), e);
    }
    Kernel kernel = null;
    try {
      KernelPlan plan = KernelPlan.resolve(ConfigInputs.fromProcess(Optional.empty(),
          flags(dir, dir.resolve("scheduler.yaml"), seed)));
      kernel = Kernel.create(plan, ComponentModules.of(plan).toArray(new Module[0]));
      if (!(kernel.injector().getInstance(TaskExecutor.class) instanceof DeterministicExecutor executor)) {
        throw new CapstanException("runtime.clock=virtual did not give the deterministic executor");
      }
      kernel.start();
      ApiClient client = kernel.injector().getInstance(ApiClient.class);
      client.resources(io.fabric8.kubernetes.api.model.Namespace.class).create(new NamespaceBuilder()
          .withNewMetadata().withName(NAMESPACE).endMetadata().build());
      // the ServiceAccount admission plugin wants the namespace's default account (no controller makes it here)
      client.resources(io.fabric8.kubernetes.api.model.ServiceAccount.class).create(new ServiceAccountBuilder()
          .withNewMetadata().withName("default").withNamespace(NAMESPACE).endMetadata().build());
      SimNodes nodes = SimNodes.start(kernel.injector(), client, executor, traceNodes, names, timing);
      executor.runUntilIdle();
      long gpu = traceNodes.stream().mapToLong(n -> n.gpus() * 1000L).sum();
      return new Cluster(kernel, executor, nodes, gpu, dir);
    } catch (RuntimeException e) {
      if (kernel != null) {
        kernel.close();
      }
      deleteTree(dir);
      throw e;
    }
  }

  /**
   * The paper's procedure on the control plane: each pod created in order; the executor runs until
   * nothing is due (virtual time does not move), so the scheduler has tried the pod exactly once;
   * a pod left unbound is deleted, which is "no retry".
   */
  static FillRun.Result fill(String policy, long seed, List<TraceNode> traceNodes, List<Arrival> arrivals,
      String profileYaml, IntConsumer progress) {
    List<String> names = Experiment.nodeNames(traceNodes.stream().map(TraceNode::name).toList(), seed);
    try (Cluster c = start(traceNodes, names, profileYaml, seed, SimNodes.Timing.fill())) {
      Map<String, String> boundTo = new java.util.HashMap<>();
      c.scheduler.addBindListener((pod, node, latency) -> boundTo.put(pod.getMetadata().getName(), node));
      int n = arrivals.size();
      long[] arrived = new long[n];
      long[] used = new long[n];
      boolean[] failed = new boolean[n];
      String[] placed = new String[n];
      long arrivedSum = 0;
      long usedSum = 0;
      var pods = c.client.resources(Pod.class);
      for (int i = 0; i < n; i++) {
        Arrival a = arrivals.get(i);
        pods.create(TraceObjects.apiPod(a.row(), a.name(), FillRun.PROFILE));
        c.executor.runUntilIdle();
        arrivedSum += a.row().totalGpuMilli();
        String node = boundTo.remove(a.name());
        if (node != null) {
          usedSum += a.row().totalGpuMilli();
          placed[i] = node;
        } else {
          failed[i] = true;
          placed[i] = "";
          pods.delete(NAMESPACE, a.name());
          c.executor.runUntilIdle();
        }
        arrived[i] = arrivedSum;
        used[i] = usedSum;
        progress.accept(i + 1);
      }
      return new FillRun.Result(policy, seed, c.clusterGpuMilli, arrived, used, failed, placed);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder; nothing else to do
    }
  }
}
