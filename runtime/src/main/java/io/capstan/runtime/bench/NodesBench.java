package io.capstan.runtime.bench;

import com.google.inject.Module;
import io.capstan.runtime.components.ComponentModules;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.node.NodeHost;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.Watch;
import io.capstan.spi.client.WatchEventType;
import io.capstan.spi.store.Store;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code capstan bench nodes}: an API server, the scheduler and N simulated nodes in this JVM; loads
 * pods bound round-robin, then measures heap after steady state, the CPU the heartbeats cost per
 * minute of idle cluster, and created-to-Running latency of a burst of pods through the scheduler
 * (split into created-to-bound and bound-to-Running, the node agents' share).
 */
final class NodesBench {

  /**
   * @param scheduler burst pods go through the scheduler (else they are created bound round-robin)
   * @param burstRate pods per second the burst is created at; 0 for as fast as the clients go
   */
  record Settings(int nodes, int pods, int burst, Duration heartbeatWindow, String store, int clients, boolean scheduler,
      int burstRate, int warmupPods) {}

  private static final String NAMESPACE = "bench-nodes";
  private final Settings settings;
  private final PrintWriter progress;

  NodesBench(Settings settings, PrintWriter progress) {
    this.settings = settings;
    this.progress = progress;
  }

  BenchReport run() throws Exception {
    BenchReport report = new BenchReport("nodes");
    Path dir = Files.createTempDirectory("capstan-bench-nodes");
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("store.plugin", settings.store());
    flags.put("apiserver.port", "0");
    flags.put("runtime.dataDir", dir.toString());
    flags.put("components", settings.scheduler() ? "apiserver,scheduler,node-agent" : "apiserver,node-agent");
    // the explain annotations are a diagnostic: one more write per pod, off as in bench scheduler
    flags.put("scheduler.explain", "false");
    flags.put("node.count", Integer.toString(settings.nodes()));
    flags.put("node.clusterCidr", "10.0.0.0/8");
    if (settings.store().equals("rocksdb")) {
      flags.put("store.rocksdb.dataDir", dir.resolve("store").toString());
    }
    KernelPlan plan = KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(flags));
    long started = System.nanoTime();
    step("registering " + settings.nodes() + " nodes");
    try (Kernel kernel = Kernel.create(plan, ComponentModules.of(plan).toArray(new Module[0]))) {
      kernel.start();
      report.add(Metric.of("node_registration_s", (System.nanoTime() - started) / 1e9, "s"));
      ApiClient client = kernel.injector().getInstance(ApiClient.class);
      NodeHost host = kernel.injector().getInstance(NodeHost.class);
      client.resources(io.fabric8.kubernetes.api.model.Namespace.class)
          .create(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build());
      // the ServiceAccount admission plugin wants the namespace's default account (no controller makes it here)
      client.resources(io.fabric8.kubernetes.api.model.ServiceAccount.class).create(
          new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata().withName("default")
              .withNamespace(NAMESPACE).endMetadata().build());
      int load = Math.max(0, settings.pods() - settings.burst());
      step("loading " + load + " pods bound round-robin");
      long loadStart = System.nanoTime();
      createAndAwaitRunning(client, "load", load, true, 0, new Stages(1));
      report.add(Metric.of("load_pods_per_s", load / Math.max(1e-9, (System.nanoTime() - loadStart) / 1e9), "pods/s"));

      step("steady state: heap after GC");
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      for (int i = 0; i < 3; i++) {
        System.gc();
        LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
      }
      double heapMiB = memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
      report.add(Metric.of("heap_used_after_load_mib", heapMiB, "MiB"));

      step("idle cluster for " + settings.heartbeatWindow().toSeconds() + " s: heartbeat CPU");
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long renew0 = host.leaseRenewals();
      long wall0 = System.nanoTime();
      LockSupport.parkNanos(settings.heartbeatWindow().toNanos());
      double minutes = (System.nanoTime() - wall0) / 60e9;
      double cpuSecondsPerMinute = (os.getProcessCpuTime() - cpu0) / 1e9 / minutes;
      double renewalsPerSecond = (host.leaseRenewals() - renew0) / (minutes * 60);
      report.add(Metric.of("heartbeat_cpu_s_per_min", cpuSecondsPerMinute, "cpu-s/min"));
      report.add(Metric.of("lease_renewals_per_s", renewalsPerSecond, "writes/s")
          .comparedWith("nodes/10s", settings.nodes() / 10.0));

      warmUp(client, host, load, kernel.injector().getInstance(Store.class));
      step("burst of " + settings.burst() + " pods" + (settings.scheduler() ? " through the scheduler" : " bound round-robin")
          + ": created -> Running");
      Stages burst = new Stages(settings.burst());
      long burstStart = System.nanoTime();
      createAndAwaitRunning(client, "burst", settings.burst(), !settings.scheduler(), settings.burstRate(), burst);
      report.add(Metric.of("burst_pods_per_s", settings.burst() / Math.max(1e-9, (System.nanoTime() - burstStart) / 1e9), "pods/s"));
      double p50 = Latencies.percentileMillis(List.of(burst.running), 50);
      double p99 = Latencies.percentileMillis(List.of(burst.running), 99);
      report.add(Metric.of("pod_startup_p50_ms", p50, "ms"));
      report.add(Metric.of("pod_startup_p99_ms", p99, "ms").comparedWith("Kubernetes SLO 5000 ms", 5000));
      if (settings.scheduler()) {
        report.add(Metric.of("pod_scheduled_p99_ms", Latencies.percentileMillis(List.of(burst.bound), 99), "ms"));
      }
      // the node agents' own share: first seen bound -> seen Running
      report.add(Metric.of("pod_bound_to_running_p50_ms", Latencies.percentileMillis(List.of(burst.agent), 50), "ms"));
      report.add(Metric.of("pod_bound_to_running_p99_ms", Latencies.percentileMillis(List.of(burst.agent), 99), "ms"));
      for (int i = 0; i < 2; i++) {
        System.gc();
        LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
      }
      report.add(Metric.of("heap_used_final_mib", memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0), "MiB")
          .comparedWith("4 GiB target", 4096));
      report.add(Metric.of("heap_max_mib", memory.getHeapMemoryUsage().getMax() / (1024.0 * 1024.0), "MiB"));
    }
    report.note(settings.nodes() + " simulated nodes, " + settings.pods() + " pods (" + settings.burst()
        + " in the burst" + (settings.burstRate() > 0 ? ", created at " + settings.burstRate() + " pods/s" : "") + "), store "
        + settings.store() + "; load pods pre-bound round-robin by spec.nodeName; burst pods "
        + (settings.scheduler() ? "scheduled by the default profile (explain off)" : "pre-bound too"));
    report.note("targets: 5,000 nodes + 150,000 pods under 4 GiB heap; burst p99 created->Running < 1 s (simulated, zero latency)");
    return report;
  }

  /** Latencies of one group of pods: created -> bound, bound -> Running, created -> Running. */
  static final class Stages {
    final Latencies bound;
    final Latencies agent;
    final Latencies running;

    Stages(int capacity) {
      bound = new Latencies(capacity);
      agent = new Latencies(capacity);
      running = new Latencies(capacity);
    }
  }

  /** Creates pods (bound round-robin, or for the scheduler) and waits until every one of them is Running. */
  private void createAndAwaitRunning(ApiClient client, String group, int count, boolean bound, int rate, Stages stages)
      throws Exception {
    if (count == 0) {
      return;
    }
    long[] createdAt = new long[count];
    long[] boundAt = new long[count];
    Set<Integer> running = ConcurrentHashMap.newKeySet();
    var pods = client.resources(Pod.class);
    Watch watch = pods.watch(ListOptions.inNamespace(NAMESPACE).withLabelSelector("bench=" + group).withResourceVersion(
        pods.list(ListOptions.inNamespace(NAMESPACE).withLimit(1)).resourceVersion()), (type, pod) -> {
          if (type == WatchEventType.DELETED) {
            return;
          }
          long now = System.nanoTime();
          int index = Integer.parseInt(pod.getMetadata().getName().substring(group.length() + 1));
          synchronized (stages) {
            if (boundAt[index] == 0 && pod.getSpec().getNodeName() != null) {
              boundAt[index] = now;
              stages.bound.record(now - createdAt[index]);
            }
            if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && running.add(index)) {
              stages.running.record(now - createdAt[index]);
              stages.agent.record(now - boundAt[index]);
            }
          }
        });
    try {
      ExecutorService threads = Executors.newFixedThreadPool(settings.clients());
      AtomicInteger next = new AtomicInteger();
      long begin = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < settings.clients(); t++) {
        done.add(threads.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            if (rate > 0) {
              long due = begin + (long) (i * 1e9 / rate);
              while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
              }
            }
            var spec = new PodBuilder().withNewMetadata().withName(group + "-" + i).withNamespace(NAMESPACE)
                .addToLabels("bench", group).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("registry.k8s.io/pause:3.9").endContainer();
            if (bound) {
              spec.withNodeName("node-" + (i % settings.nodes() + 1));
            }
            Pod pod = spec.endSpec().build();
            synchronized (stages) {
              createdAt[i] = System.nanoTime();
              boundAt[i] = bound ? createdAt[i] : 0;
            }
            pods.create(pod);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      threads.shutdown();
      long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
      int last = -1;
      while (running.size() < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(group + ": only " + running.size() + " of " + count + " pods Running after 20 minutes");
        }
        if (running.size() / 10_000 != last / 10_000) {
          last = running.size();
          step(group + ": " + last + " of " + count + " Running");
        }
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      }
    } finally {
      watch.close();
    }
  }

  /**
   * A running cluster's control plane is warm; this JVM is not. On two cores it has one C2 compiler
   * thread, which bench scheduler showed busy for the first ~30 s of such a workload (the per-pod
   * paths of admission and the store ran profiled C1 code until then), so the warm-up starts 200,000
   * pods by default through the scheduler and node agents, in rounds of 40,000, each deleted (grace 0)
   * and awaited gone before the next: the burst then measures the pods' path, not the compiler.
   */
  private void warmUp(ApiClient client, NodeHost host, int loadPods, Store store) throws Exception {
    int n = settings.warmupPods();
    if (n == 0) {
      return;
    }
    step("warming up the JVM: " + n + " pods started through the scheduler, then deleted, in rounds of up to "
        + SchedulerBench.WARMUP_ROUND);
    for (int done = 0, round = 0; done < n; round++) {
      int count = Math.min(SchedulerBench.WARMUP_ROUND, n - done);
      createAndAwaitRunning(client, "warm" + round, count, !settings.scheduler(), 0, new Stages(count));
      deleteAndAwaitGone(client, host, "warm" + round, count, loadPods);
      SchedulerBench.compactWarmUpHistory(store);
      done += count;
    }
    System.gc(); // the burst starts from a collected heap, not from the warm-up's garbage
  }

  /** Deletes pods {@code group-0 ..} (grace 0) and waits until the API server and the node agents no longer hold them. */
  private void deleteAndAwaitGone(ApiClient client, NodeHost host, String group, int count, int loadPods) throws Exception {
    var pods = client.resources(Pod.class);
    io.capstan.spi.client.DeleteOptions now = io.capstan.spi.client.DeleteOptions.DEFAULTS.withGracePeriodSeconds(0);
    ExecutorService threads = Executors.newFixedThreadPool(settings.clients());
    try {
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < settings.clients(); t++) {
        done.add(threads.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            pods.delete(NAMESPACE, group + "-" + i, now);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    awaitUntil(deadline, "warm-up pods deleted",
        () -> pods.list(ListOptions.inNamespace(NAMESPACE).withLabelSelector("bench=" + group).withLimit(1)).items().isEmpty());
    // and gone from the node agents too, so their clean-up does not overlap what follows
    awaitUntil(deadline, "warm-up pods stopped by the node agents",
        () -> host.agents().stream().mapToInt(io.capstan.runtime.node.NodeAgent::podCount).sum() <= loadPods);
  }

  private static void awaitUntil(long deadline, String what, java.util.function.BooleanSupplier condition) {
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": not done after 10 minutes");
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  private void step(String what) {
    progress.println("bench nodes: " + what + "...");
    progress.flush();
  }
}
