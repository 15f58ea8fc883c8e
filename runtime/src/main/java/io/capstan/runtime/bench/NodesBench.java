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
 * {@code capstan bench nodes}: an API server and N simulated nodes in this JVM; loads pods bound
 * round-robin (this build has no scheduler), then measures heap after steady state, the CPU the
 * heartbeats cost per minute of idle cluster, and created-to-Running latency of a burst of pods.
 */
final class NodesBench {

  record Settings(int nodes, int pods, int burst, Duration heartbeatWindow, String store, int clients) {}

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
    flags.put("components", "apiserver,node-agent");
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
      int load = Math.max(0, settings.pods() - settings.burst());
      step("loading " + load + " pods bound round-robin");
      long loadStart = System.nanoTime();
      Latencies ignored = new Latencies(1);
      createAndAwaitRunning(client, "load", load, ignored);
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

      step("burst of " + settings.burst() + " pods: created -> Running");
      Latencies burst = new Latencies(settings.burst());
      long burstStart = System.nanoTime();
      createAndAwaitRunning(client, "burst", settings.burst(), burst);
      report.add(Metric.of("burst_pods_per_s", settings.burst() / Math.max(1e-9, (System.nanoTime() - burstStart) / 1e9), "pods/s"));
      double p50 = Latencies.percentileMillis(List.of(burst), 50);
      double p99 = Latencies.percentileMillis(List.of(burst), 99);
      report.add(Metric.of("pod_startup_p50_ms", p50, "ms"));
      report.add(Metric.of("pod_startup_p99_ms", p99, "ms").comparedWith("Kubernetes SLO 5000 ms", 5000));
      for (int i = 0; i < 2; i++) {
        System.gc();
        LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
      }
      report.add(Metric.of("heap_used_final_mib", memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0), "MiB")
          .comparedWith("4 GiB target", 4096));
      report.add(Metric.of("heap_max_mib", memory.getHeapMemoryUsage().getMax() / (1024.0 * 1024.0), "MiB"));
    }
    report.note(settings.nodes() + " simulated nodes, " + settings.pods() + " pods (" + settings.burst()
        + " in the burst), store " + settings.store() + "; pods pre-bound round-robin by spec.nodeName (no scheduler in this build)");
    report.note("targets: 5,000 nodes + 150,000 pods under 4 GiB heap; burst p99 created->Running < 1 s (simulated, zero latency)");
    return report;
  }

  /** Creates pods bound round-robin and waits until every one of them is Running. */
  private void createAndAwaitRunning(ApiClient client, String group, int count, Latencies latencies) throws Exception {
    if (count == 0) {
      return;
    }
    long[] createdAt = new long[count];
    Set<Integer> running = ConcurrentHashMap.newKeySet();
    var pods = client.resources(Pod.class);
    Watch watch = pods.watch(ListOptions.inNamespace(NAMESPACE).withLabelSelector("bench=" + group).withResourceVersion(
        pods.list(ListOptions.inNamespace(NAMESPACE).withLimit(1)).resourceVersion()), (type, pod) -> {
          if (type == WatchEventType.MODIFIED && "Running".equals(pod.getStatus().getPhase())) {
            int index = Integer.parseInt(pod.getMetadata().getName().substring(group.length() + 1));
            if (running.add(index)) {
              synchronized (latencies) {
                latencies.record(System.nanoTime() - createdAt[index]);
              }
            }
          }
        });
    try {
      ExecutorService threads = Executors.newFixedThreadPool(settings.clients());
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < settings.clients(); t++) {
        done.add(threads.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            Pod pod = new PodBuilder().withNewMetadata().withName(group + "-" + i).withNamespace(NAMESPACE)
                .addToLabels("bench", group).endMetadata()
                .withNewSpec().withNodeName("node-" + (i % settings.nodes() + 1))
                .addNewContainer().withName("main").withImage("registry.k8s.io/pause:3.9").endContainer().endSpec().build();
            createdAt[i] = System.nanoTime();
            pods.create(pod);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      threads.shutdown();
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      int last = -1;
      while (running.size() < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(group + ": only " + running.size() + " of " + count + " pods Running after 10 minutes");
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

  private void step(String what) {
    progress.println("bench nodes: " + what + "...");
    progress.flush();
  }
}
