package io.capstan.runtime.bench;

import com.google.inject.Module;
import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.components.ComponentModules;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.controllers.ControllerManager;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ListOptions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.capstan.spi.client.PatchType;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code capstan bench controllers}: the whole control plane in one process, as issue 8 asks —
 * in-process API server on the memory store, the scheduler (Kubernetes' default profile), the
 * controller manager (all controllers) and N simulated nodes (node agents with the zero-latency
 * {@code simulated} container runtime). A Deployment of N replicas goes from apply to all
 * available, is rolled to a new image, then scaled to 0; each phase is timed against its target.
 * The most pods unavailable at once during the rolling update is taken from a pods informer at
 * every event ({@link BenchPods}). With {@code --simulated-kubelet} a {@link SimulatedKubelet} replaces
 * the scheduler and node agents, to measure the controllers and the API server alone.
 */
final class ControllerBench {

  /** Targets from issue 8, the anchors of the ratios. */
  static final double TARGET_RUNNING_S = 5;
  static final double TARGET_ROLLING_S = 15;

  record Settings(int replicas, int nodes, String maxSurge, String maxUnavailable, boolean simulatedKubelet, int warmup) {

    Settings {
      if (replicas <= 0 || nodes <= 0 || warmup < 0) {
        throw new IllegalArgumentException("--replicas and --nodes must be positive and --warmup at least 0");
      }
    }
  }

  private final Settings settings;
  private final PrintWriter progress;

  ControllerBench(Settings settings, PrintWriter progress) {
    this.settings = settings;
    this.progress = progress;
  }

  BenchReport run() throws Exception {
    Path data = Files.createTempDirectory("capstan-bench-controllers");
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("store.plugin", "memory");
    flags.put("apiserver.port", "0");
    flags.put("runtime.dataDir", data.toString());
    flags.put("components", settings.simulatedKubelet() ? "apiserver,controller-manager"
        : "apiserver,scheduler,controller-manager,node-agent");
    flags.put("controllers.leaderElection.enabled", "false");
    // capstan.io/*-result annotations are Capstan's debugging aid, not kube-scheduler behaviour
    flags.put("scheduler.explain", "false");
    flags.put("node.count", Integer.toString(settings.nodes()));
    flags.put("node.clusterCidr", "10.0.0.0/8");
    KernelPlan plan = KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(flags));
    BenchReport report = new BenchReport("controllers");
    try (Kernel kernel = Kernel.create(plan, ComponentModules.of(plan).toArray(new Module[0]))) {
      kernel.start();
      var injector = kernel.injector();
      ApiClient client = injector.getInstance(ApiClient.class);
      ControllerManager manager = injector.getInstance(ControllerManager.class);
      waitFor(manager::synced, Duration.ofSeconds(60), "controller manager to sync");
      TaskExecutor executor = injector.getInstance(TaskExecutor.class);
      Clock clock = injector.getInstance(Clock.class);
      Optional<SimulatedKubelet> kubelet = settings.simulatedKubelet() ? Optional.of(new SimulatedKubelet(
          injector.getInstance(ApiServer.class), client, clock, executor, settings.nodes())) : Optional.empty();
      if (kubelet.isEmpty()) {
        waitFor(() -> readyNodes(client) >= settings.nodes(), Duration.ofSeconds(120), settings.nodes() + " nodes Ready");
      }
      DefaultInformerFactory informers = new DefaultInformerFactory(client, executor, clock);
      BenchPods pods = new BenchPods("bench", settings.replicas());
      informers.sharedInformer(Pod.class).addEventHandler(pods);
      informers.start();
      try {
        if (settings.warmup() > 0) {
          warmUp(client.resources(Deployment.class), client.resources(Pod.class), report);
        }
        measure(client.resources(Deployment.class), pods, report, manager);
      } finally {
        informers.stop();
        kubelet.ifPresent(SimulatedKubelet::close);
      }
    }
    report.note(settings.simulatedKubelet()
        ? "simulated kubelet: every pod bound round-robin to " + settings.nodes() + " nodes and reported Running+Ready at"
            + " once (no scheduler or node agent); all controllers, in-process API server on the memory store"
        : settings.nodes() + " simulated nodes (node agents, simulated runtime with zero latency), the"
            + " default scheduler profile, all controllers, in-process API server on the memory store");
    return report;
  }

  private static long readyNodes(ApiClient client) {
    return client.resources(Node.class).list(ListOptions.all()).items().stream()
        .filter(n -> n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions()
            .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .count();
  }

  private void measure(ResourceClient<Deployment> deployments, BenchPods pods, BenchReport report,
      ControllerManager manager) throws InterruptedException {
    int n = settings.replicas();
    progress.println("bench controllers: deployment of " + n + " replicas");
    progress.flush();
    pods.startPhase();
    Map<String, Long> reconciles0 = manager.reconciles();
    long start = System.nanoTime();
    double cpu0 = cpuSeconds();
    deployments.create(deployment("bench", n, "bench:1"));
    long[] created = {0};
    long[] ready = {0};
    long t0 = start;
    waitForStatus(deployments, "bench", s -> rolledOut(s, n, 1), s -> {
      if (created[0] == 0 && pods.created() >= n) {
        created[0] = System.nanoTime() - t0;
      }
      if (ready[0] == 0 && pods.ready() >= n) {
        ready[0] = System.nanoTime() - t0;
      }
    });
    report.note(String.format("apply: all %d pods created after %.3f s, all Running+Ready after %.3f s", n,
        created[0] / 1e9, ready[0] / 1e9));
    report.note("apply phases: " + pods.milestones());
    Map<String, Long> reconciles1 = manager.reconciles();
    report.note("apply reconciles: " + reconcilesSince(reconciles0, reconciles1));
    double running = seconds(start);
    double cpuApply = cpuSeconds() - cpu0;
    report.add(Metric.of("deployment_" + n + "_available_s", running, "s").comparedWith("target " + TARGET_RUNNING_S + " s",
        TARGET_RUNNING_S));

    report.add(Metric.of("deployment_" + n + "_available_cpu_s", cpuApply, "cpu s"));
    progress.println("bench controllers: rolling update of " + n + " replicas");
    progress.flush();
    start = System.nanoTime();
    double cpu1 = cpuSeconds();
    pods.startPhase();
    pods.resetMaxUnavailable();
    deployments.patch("default", "bench", PatchType.STRATEGIC,
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"bench:2\"}]}}}}");
    waitForStatus(deployments, "bench", s -> rolledOut(s, n, 2), s -> { });
    double rolling = seconds(start);
    report.note("rolling update phases (new pods): " + pods.milestones());
    report.note("rolling update reconciles: " + reconcilesSince(reconciles1, manager.reconciles()));
    report.add(Metric.of("rolling_update_" + n + "_cpu_s", cpuSeconds() - cpu1, "cpu s"));
    report.add(Metric.of("rolling_update_" + n + "_s", rolling, "s").comparedWith("target " + TARGET_ROLLING_S + " s",
        TARGET_ROLLING_S));
    int allowed = allowedUnavailable(n);
    report.add(Metric.of("rolling_update_max_unavailable", pods.maxUnavailable(), "pods").comparedWith(
        "maxUnavailable " + settings.maxUnavailable() + " = " + allowed + " pods", allowed));

    progress.println("bench controllers: scale to 0");
    progress.flush();
    start = System.nanoTime();
    deployments.patch("default", "bench", PatchType.MERGE, "{\"spec\":{\"replicas\":0}}");
    waitForStatus(deployments, "bench", s -> s.getObservedGeneration() != null && s.getObservedGeneration() >= 3
        && zero(s.getReplicas()) == 0, s -> { });
    report.add(Metric.of("scale_to_zero_s", seconds(start), "s"));
  }

  /**
   * A smaller Deployment ({@code --warmup} replicas) applied, rolled and deleted before the measured
   * one, as JMH warms up before it measures: the first requests of a fresh JVM load classes, build
   * Jackson's (de)serializers for each kind and run interpreted until the JIT compiles the hot paths,
   * which is start-up cost, not the cost of 1,000 replicas. Its figures are reported as notes so the
   * cold cost stays visible; {@code --warmup 0} measures the cold run.
   */
  private void warmUp(ResourceClient<Deployment> deployments, ResourceClient<Pod> podClient, BenchReport report)
      throws InterruptedException {
    int n = settings.warmup();
    progress.println("bench controllers: warm-up deployment of " + n + " replicas (not measured)");
    progress.flush();
    long start = System.nanoTime();
    double cpu0 = cpuSeconds();
    deployments.create(deployment("warmup", n, "warmup:1"));
    waitForStatus(deployments, "warmup", s -> rolledOut(s, n, 1), s -> { });
    double apply = seconds(start);
    double applyCpu = cpuSeconds() - cpu0;
    long roll = System.nanoTime();
    deployments.patch("default", "warmup", PatchType.STRATEGIC,
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"warmup:2\"}]}}}}");
    waitForStatus(deployments, "warmup", s -> rolledOut(s, n, 2), s -> { });
    double rolling = seconds(roll);
    deployments.delete("default", "warmup");
    waitFor(() -> podClient.list(ListOptions.all()).items().stream()
        .noneMatch(p -> "warmup".equals(p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get("app"))),
        Duration.ofMinutes(2), "warm-up pods to be deleted");
    report.note(String.format(java.util.Locale.ROOT, "warm-up (fresh JVM, not measured): %d replicas available after %.2f s"
        + " (%.2f cpu s), rolled in %.2f s", n, apply, applyCpu, rolling));
  }

  private Deployment deployment(String name, int n, String image) {
    return new DeploymentBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
        .withNewSpec().withReplicas(n).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxSurge(new IntOrString(settings.maxSurge())).withMaxUnavailable(new IntOrString(settings.maxUnavailable()))
        .endRollingUpdate().endStrategy()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec().addNewContainer()
        .withName("app").withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
  }

  /** "replicaset 312, deployment 95, ..." — reconciles per controller between two counts, most first. */
  private static String reconcilesSince(Map<String, Long> before, Map<String, Long> after) {
    return after.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
  }

  private int allowedUnavailable(int n) {
    String v = settings.maxUnavailable();
    return v.endsWith("%") ? n * Integer.parseInt(v.substring(0, v.length() - 1)) / 100 : Integer.parseInt(v);
  }

  private static boolean rolledOut(DeploymentStatus s, int n, long generation) {
    return s.getObservedGeneration() != null && s.getObservedGeneration() >= generation && zero(s.getUpdatedReplicas()) == n
        && zero(s.getReplicas()) == n && zero(s.getAvailableReplicas()) == n;
  }

  private static int zero(Integer v) {
    return v == null ? 0 : v;
  }

  private static void waitForStatus(ResourceClient<Deployment> deployments, String name, Predicate<DeploymentStatus> done,
      java.util.function.Consumer<DeploymentStatus> sample) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (true) {
      DeploymentStatus s = deployments.get("default", name).map(Deployment::getStatus).orElse(new DeploymentStatus());
      if (s == null) {
        s = new DeploymentStatus();
      }
      sample.accept(s);
      if (done.test(s)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("bench controllers: no progress in 5 minutes; status " + s);
      }
      Thread.sleep(20);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("bench controllers: timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  /**
   * CPU time of the whole process: on a shared machine the wall times above include waiting for
   * other processes' CPU, this does not.
   */
  private static double cpuSeconds() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
