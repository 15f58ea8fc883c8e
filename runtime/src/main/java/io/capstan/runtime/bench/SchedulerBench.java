package io.capstan.runtime.bench;

import com.google.inject.Module;
import io.capstan.runtime.components.ComponentModules;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.kernel.SpiFamilies;
import io.capstan.runtime.plugin.DiscoveredPlugin;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.scheduler.Scheduler;
import io.capstan.runtime.scheduler.SchedulerAssembly;
import io.capstan.runtime.scheduler.SchedulerOptions;
import io.capstan.runtime.scheduler.framework.ExtensionPoint;
import io.capstan.runtime.scheduler.framework.Framework;
import io.capstan.runtime.scheduler.profile.ConfigurationLoader;
import io.capstan.runtime.scheduler.profile.SchedulerConfig;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.store.Store;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code capstan bench scheduler}: an API server on the chosen store, {@code nodes} nodes,
 * 1,000 initial pods scheduled first, then {@code pods} measured pods created by two clients while
 * the scheduler runs (scheduler_perf's SchedulingBasic and its variants). Reports pods/s from the
 * first create to the last bind, p50/p99 of create→bound per pod and time per extension point.
 */
public final class SchedulerBench {

  /** Warm-up pods per round (created, bound, deleted before the next round starts). */
  static final int WARMUP_ROUND = 40_000;

  /**
   * After a warm-up round: a cluster that had run and deleted these pods over hours would have
   * compacted their history (kube-apiserver compacts etcd every 5 minutes); the embedded stores
   * keep it in this heap until their own compaction (10 minutes by default).
   */
  static void compactWarmUpHistory(Store store) {
    store.compact(store.currentRevision());
  }

  /** What to run. */
  public record Settings(int nodes, int pods, int initialPods, String store, String workload, boolean explain,
      boolean events, boolean batching, int warmupPods) {}

  private final Settings settings;
  private final PrintWriter progress;

  public SchedulerBench(Settings settings, PrintWriter progress) {
    this.settings = settings;
    this.progress = progress;
    SchedulerWorkloads.pod(settings.workload(), "x", "x", false); // rejects an unknown workload early
  }

  public BenchReport run() throws Exception {
    Path dir = Files.createTempDirectory("capstan-bench-scheduler-" + settings.store());
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("store.plugin", settings.store());
    flags.put("apiserver.port", "0");
    flags.put("runtime.dataDir", dir.toString());
    flags.put("components", "apiserver");
    if (settings.store().equals("rocksdb")) {
      flags.put("store.rocksdb.dataDir", dir.resolve("store").toString());
    }
    KernelPlan plan = KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(flags));
    try (Kernel kernel = Kernel.create(plan, ComponentModules.of(plan).toArray(new Module[0]))) {
      kernel.start();
      ApiClient client = kernel.injector().getInstance(ApiClient.class);
      Map<String, SchedulerPluginFactory<?>> registry = new LinkedHashMap<>();
      for (DiscoveredPlugin p : plan.catalog().plugins(SpiFamilies.SCHEDULER)) {
        registry.put(p.name(), (SchedulerPluginFactory<?>) p.factory());
      }
      boolean defaults = registry.keySet().containsAll(java.util.List.of("PrioritySort", "NodeResourcesFit", "DefaultBinder"));
      SchedulerConfig config = defaults ? ConfigurationLoader.defaults()
          : ConfigurationLoader.parse(FrameworkOnlyPlugins.PROFILE, "framework-only profile");
      Map<String, io.capstan.runtime.scheduler.profile.PluginRegistration> plugins = defaults
          ? io.capstan.runtime.scheduler.profile.PluginRegistration.ofFactories(registry) : FrameworkOnlyPlugins.registry();
      step("profile: " + (defaults ? "Kubernetes' default profile" : "framework-only plugins (plugins-scheduler not installed)"));
      Clock clock = kernel.injector().getInstance(Clock.class);
      TaskExecutor executor = kernel.injector().getInstance(TaskExecutor.class);
      DefaultInformerFactory informers = new DefaultInformerFactory(client, executor, clock);
      SchedulerOptions options = SchedulerOptions.defaults().withExplain(settings.explain()).withEvents(settings.events())
          .withBatching(settings.batching());
      Scheduler scheduler = SchedulerAssembly.buildWith(config, options, plugins, kernel.injector(), client, informers, true);
      createNamespace(client, "bench");
      step("creating " + settings.nodes() + " nodes");
      parallel(settings.nodes(), 2, null, i -> client.resources(Node.class).create(SchedulerWorkloads.node(i)));
      Map<String, Long> created = new ConcurrentHashMap<>();
      long[] latencies = new long[settings.pods()];
      AtomicInteger measuredBound = new AtomicInteger();
      AtomicInteger initialBound = new AtomicInteger();
      AtomicInteger warmBound = new AtomicInteger();
      AtomicLong lastBind = new AtomicLong();
      CountDownLatch initialDone = new CountDownLatch(1);
      CountDownLatch measuredDone = new CountDownLatch(1);
      scheduler.addBindListener((pod, node, queued) -> {
        Long at = created.remove(pod.getMetadata().getName());
        long now = System.nanoTime();
        if (pod.getMetadata().getName().startsWith("warm-")) {
          warmBound.incrementAndGet();
        } else if (pod.getMetadata().getName().startsWith("init-")) {
          if (initialBound.incrementAndGet() == settings.initialPods()) {
            initialDone.countDown();
          }
        } else if (at != null) {
          int n = measuredBound.getAndIncrement();
          latencies[n] = now - at;
          lastBind.set(now);
          if (n + 1 == settings.pods()) {
            measuredDone.countDown();
          }
        }
      });
      scheduler.start();
      if (settings.warmupPods() > 0) {
        warmUp(client, scheduler, warmBound, kernel.injector().getInstance(Store.class));
      }
      step("scheduling " + settings.initialPods() + " initial pods");
      if (settings.initialPods() > 0) {
        parallel(settings.initialPods(), 2, null, i -> client.resources(Pod.class)
            .create(SchedulerWorkloads.pod(settings.workload(), "bench", "init-" + i, false)));
        await(initialDone, "initial pods");
      }
      scheduler.profiles().values().forEach(f -> f.metrics().reset());
      long batchedBefore = scheduler.batchedPods();
      step("scheduling " + settings.pods() + " measured pods (" + settings.workload() + ")");
      // The objects are built before the clock starts: building them is the load generator's work, not the system's.
      Pod[] prepared = new Pod[settings.pods()];
      for (int i = 0; i < prepared.length; i++) {
        prepared[i] = SchedulerWorkloads.pod(settings.workload(), "bench", "pod-" + i, true);
      }
      SchedulerBenchCpu cpu = new SchedulerBenchCpu();
      cpu.start();
      long start = System.nanoTime();
      parallel(settings.pods(), creators(), cpu, i -> {
        created.put(prepared[i].getMetadata().getName(), System.nanoTime());
        client.resources(Pod.class).create(prepared[i]);
      });
      boolean all = measuredDone.await(10, TimeUnit.MINUTES);
      int bound = measuredBound.get();
      double seconds = ((all ? lastBind.get() : System.nanoTime()) - start) / 1e9;
      Map<String, Long> cpuNanos = cpu.since();
      long dropped = scheduler.droppedEvents();
      long batched = scheduler.batchedPods() - batchedBefore;
      scheduler.close();
      BenchReport report = report(bound, seconds, Arrays.copyOf(latencies, bound), scheduler, defaults, all);
      String prefix = settings.store() + "." + settings.workload() + ".cpu_us_per_pod.";
      cpuNanos.forEach((group, nanos) -> report.add(Metric.of(prefix + group, nanos / 1e3 / Math.max(1, bound), "us")));
      long total = cpuNanos.getOrDefault("total", 0L);
      if (total > 0 && bound > 0) {
        int cores = Runtime.getRuntime().availableProcessors();
        report.add(Metric.of(settings.store() + "." + settings.workload() + ".cpu_bound_pods_per_s",
            cores * 1e9 * bound / total, "pods/s"));
        report.note("cpu_bound_pods_per_s = cores / CPU per pod: the rate the measured work allows when the "
            + cores + " cores are this process's alone");
        long jit = cpuNanos.getOrDefault("jit", 0L);
        if (jit > 0 && jit < total) {
          report.add(Metric.of(settings.store() + "." + settings.workload() + ".cpu_bound_pods_per_s_warm",
              cores * 1e9 * bound / (total - jit), "pods/s"));
          report.note("cpu_bound_pods_per_s_warm: the same without the JIT compiler's CPU (cpu_us_per_pod.jit), which a "
              + "warm, long-running JVM no longer spends");
        }
      }
      report.add(Metric.of(settings.store() + "." + settings.workload() + ".batched_pods_pct",
          100.0 * batched / Math.max(1, bound), "%"));
      report.note("batched_pods_pct: pods placed by opportunistic batching (KEP-5598) instead of a full cycle"
          + (settings.batching() ? "" : "; batching was off (--no-batching)"));
      if (settings.events()) {
        report.note("Scheduled events dropped by the bounded event queue (client-go's maxQueuedEvents 1,000): " + dropped);
      }
      return report;
    }
  }

  private BenchReport report(int bound, double seconds, long[] latencies, Scheduler scheduler, boolean defaults,
      boolean all) {
    BenchReport report = new BenchReport("scheduler");
    String prefix = settings.store() + "." + settings.workload() + ".";
    double rate = bound / seconds;
    report.add(Metric.of(prefix + "pods_per_s", rate, "pods/s").comparedWith("kube-scheduler CI floor (SchedulingBasic)", 270));
    report.add(Metric.of(prefix + "pods_per_s_vs_workstation", rate, "pods/s").comparedWith("kube-scheduler workstation", 1000));
    report.add(Metric.of(prefix + "pods_per_s_vs_nomad_c1m", rate, "pods/s").comparedWith("Nomad C1M", 3750));
    Arrays.sort(latencies);
    report.add(Metric.of(prefix + "latency_p50_ms", percentile(latencies, 50), "ms"));
    report.add(Metric.of(prefix + "latency_p99_ms", percentile(latencies, 99), "ms"));
    Framework fw = scheduler.profiles().values().iterator().next();
    for (Map.Entry<ExtensionPoint, Long> e : fw.metrics().totalNanos().entrySet()) {
      report.add(Metric.of(prefix + "us_per_pod." + e.getKey().yamlName(), e.getValue() / 1e3 / Math.max(1, bound), "us"));
    }
    report.note("nodes=" + settings.nodes() + " pods=" + settings.pods() + " initial=" + settings.initialPods() + " warmup=" + settings.warmupPods()
        + " store=" + settings.store() + " workload=" + settings.workload() + " explain=" + settings.explain()
        + " events=" + settings.events() + " batching=" + settings.batching() + " profile=" + (defaults ? "default" : "framework-only"));
    if (!all) {
      report.note("only " + bound + " of " + settings.pods() + " pods were bound within 10 minutes");
    }
    report.note("targets (basic, 2 cores): >= 10,000 pods/s with memory, >= 5,000 with rocksdb");
    return report;
  }

  /**
   * A JVM runs its hot paths interpreted until the JIT has compiled them: the warm-up schedules
   * basic pods through the same create, scheduling, binding and watch paths in another namespace,
   * then deletes them (grace 0) and waits until the scheduler's cache is empty again, so the
   * measured phase starts on the same empty nodes as without it (as JMH's warm-up iterations).
   */
  private void warmUp(ApiClient client, Scheduler scheduler, AtomicInteger bound, Store store) throws InterruptedException {
    int n = settings.warmupPods();
    step("warming up the JVM: " + n + " pods scheduled, then deleted, in rounds of up to " + WARMUP_ROUND);
    createNamespace(client, "bench-warmup");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    DeleteOptions now = DeleteOptions.DEFAULTS.withGracePeriodSeconds(0);
    // in rounds, so the cluster never holds more than one round of warm-up pods (5,000 nodes hold
    // 200,000 of them at most) and every round schedules onto the same near-empty nodes
    for (int done = 0; done < n; ) {
      int round = Math.min(WARMUP_ROUND, n - done);
      int first = done;
      parallel(round, 2, null, i -> client.resources(Pod.class)
          .create(SchedulerWorkloads.pod("basic", "bench-warmup", "warm-" + (first + i), false)));
      while (bound.get() < first + round) {
        waitUntil(deadline, "warm-up pods bound");
      }
      parallel(round, 2, null, i -> client.resources(Pod.class).delete("bench-warmup", "warm-" + (first + i), now));
      while (scheduler.cache().podCount() > 0) {
        waitUntil(deadline, "warm-up pods gone from the scheduler's cache");
      }
      compactWarmUpHistory(store);
      done += round;
    }
    System.gc(); // the measured phase starts from a collected heap, not from the warm-up's garbage
  }

  /** A namespace with its default ServiceAccount, which the ServiceAccount admission plugin wants (no controller makes it here). */
  private static void createNamespace(ApiClient client, String name) {
    client.resources(Namespace.class).create(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
    client.resources(io.fabric8.kubernetes.api.model.ServiceAccount.class).create(
        new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata().withName("default")
            .withNamespace(name).endMetadata().build());
  }

  private static void waitUntil(long deadline, String what) throws InterruptedException {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(what + ": not within 10 minutes");
    }
    Thread.sleep(20); // the bench's own wait, outside the measured phase
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static void await(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(what + " were not all bound within 10 minutes");
    }
  }

  /**
   * Threads creating the measured pods. In memory a create is CPU only, and two creators keep the
   * scheduler fed without taking its cores. With a durable store every create waits for its
   * fsync, so two creators cap the arrival rate at 2 / sync latency (~3,000 pods/s here), below
   * what the scheduler places; 16, like a client with a few in-flight requests per core (scheduler_perf
   * creates pods from a parallel worker pool), let the writes group-commit.
   */
  private int creators() {
    return settings.store().equals("memory") ? 2 : 16;
  }

  private static void parallel(int count, int threads, SchedulerBenchCpu cpu, java.util.function.IntConsumer create)
      throws InterruptedException {
    AtomicInteger names = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "bench-create-" + names.incrementAndGet()));
    AtomicInteger next = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      pool.execute(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          create.accept(i);
        }
        if (cpu != null) {
          cpu.threadEnds("bench-create");
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("creating objects took longer than 10 minutes");
    }
  }

  private void step(String what) {
    progress.println("bench scheduler: " + what + "...");
    progress.flush();
  }
}
