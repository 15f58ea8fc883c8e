package io.capstan.runtime.research;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.capstan.runtime.CapstanException;
import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.runtime.research.Experiment.Arrival;
import io.capstan.runtime.research.TraceReader.TraceNode;
import io.capstan.runtime.scheduler.cache.SchedulerCache;
import io.capstan.runtime.scheduler.cache.Snapshot;
import io.capstan.runtime.scheduler.framework.Framework;
import io.capstan.runtime.scheduler.framework.FrameworkHandleImpl;
import io.capstan.runtime.scheduler.framework.PreFilterOutcome;
import io.capstan.runtime.scheduler.framework.ScoreTable;
import io.capstan.runtime.scheduler.profile.ConfigurationLoader;
import io.capstan.runtime.scheduler.profile.ProfileBuilder;
import io.capstan.runtime.scheduler.profile.SchedulerConfig;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PodRequests;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * One "fill until full" run: the trace's nodes in the scheduler cache, then every arriving pod
 * scheduled once, in order, through the real framework of a profile built from a
 * KubeSchedulerConfiguration with the named policy as the only scorer (weight 100: the paper uses 1000, Capstan validates [0, 100] as Kubernetes does, and with one scorer the weight does not change the argmax) next to
 * Kubernetes' default filters and OpenGpuShare. A pod that finds no node is recorded as failed
 * and not retried. The clock is virtual and every executor task runs on this thread, so a run is
 * a pure function of its inputs and seed.
 */
public final class FillRun {

  /** The default plugins whose PreScore/Score a policy run turns off. */
  static final List<String> DEFAULT_SCORERS = List.of("TaintToleration", "NodeAffinity", "NodeResourcesFit",
      "PodTopologySpread", "InterPodAffinity", "NodeResourcesBalancedAllocation", "ImageLocality");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final String PROFILE = "capstan-sim";

  /** What one run produced: per arriving pod the cumulative arrived and allocated milli-GPU. */
  public record Result(String policy, long seed, long clusterGpuMilli, long[] arrived, long[] used, boolean[] failed,
      String[] nodes) {}

  private final Map<String, SchedulerPluginFactory<?>> factories;

  public FillRun(Map<String, SchedulerPluginFactory<?>> factories) {
    this.factories = Map.copyOf(requireNonNull(factories, "factories"));
  }

  /**
   * A map that keeps the order its keys are given in. {@code Map.of} with several keys iterates in
   * an order that changes from one JVM start to the next, which made the recorded configuration
   * (and the summary's inputs) differ between two runs of the same experiment.
   */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** The KubeSchedulerConfiguration of a run, as YAML (recorded in the summary). */
  public static String profileYaml(String policy, long seed, List<Map<String, Object>> workload) {
    Map<String, Object> plugins = new java.util.LinkedHashMap<>();
    plugins.put("multiPoint", Map.of("enabled", List.of(Map.of("name", "OpenGpuShare"),
        ordered("name", policy, "weight", 100))));
    List<Map<String, String>> off = DEFAULT_SCORERS.stream().map(n -> Map.of("name", n)).toList();
    // named at Filter too, so it runs first: it rejects most nodes of a full cluster cheaply
    plugins.put("filter", Map.of("enabled", List.of(Map.of("name", "OpenGpuShare"))));
    plugins.put("preScore", Map.of("disabled", off));
    plugins.put("score", Map.of("disabled", off));
    plugins.put("postFilter", Map.of("disabled", List.of(Map.of("name", "*"))));
    List<Map<String, Object>> args = new ArrayList<>();
    if (policy.equals("FGD")) {
      args.add(ordered("name", "FGD", "args", Map.of("workload", workload)));
    } else if (policy.equals("Random")) {
      args.add(ordered("name", "Random", "args", Map.of("seed", seed)));
    }
    Map<String, Object> profile = new java.util.LinkedHashMap<>();
    profile.put("schedulerName", PROFILE);
    profile.put("plugins", plugins);
    profile.put("pluginConfig", args);
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("apiVersion", "kubescheduler.config.k8s.io/v1");
    config.put("kind", "KubeSchedulerConfiguration");
    config.put("parallelism", 1);
    config.put("percentageOfNodesToScore", 100);
    config.put("profiles", List.of(profile));
    try {
      return YAML.writeValueAsString(config);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Result run(String policy, long seed, List<TraceNode> traceNodes, List<Arrival> arrivals, String profileYaml,
      boolean firstOnTies, IntConsumer progress) {
    if (!factories.containsKey(policy)) {
      throw new CapstanException("unknown policy \"" + policy + "\"; installed scheduler plugins: "
          + new java.util.TreeSet<>(factories.keySet()));
    }
    VirtualClock clock = new VirtualClock(Instant.EPOCH);
    DeterministicExecutor executor = new DeterministicExecutor(clock, seed);
    Injector parent = Guice.createInjector(new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(clock);
        bind(TaskExecutor.class).toInstance(executor);
      }
    });
    SchedulerConfig config = ConfigurationLoader.parse(profileYaml, "sim profile for " + policy);
    SchedulerCache cache = new SchedulerCache(Duration.ofDays(365));
    Snapshot snapshot = new Snapshot();
    FrameworkHandleImpl handle = new FrameworkHandleImpl(PROFILE, clock, 1, () -> snapshot, (pod, node) -> Status.success());
    Framework fw = new ProfileBuilder(factories, parent).build(config.profiles().get(0), handle, 100, false);
    List<String> names = Experiment.nodeNames(traceNodes.stream().map(TraceNode::name).toList(), seed);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < traceNodes.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> names.get(a).compareTo(names.get(b)));
    long clusterMilli = 0;
    for (int i : order) {
      cache.addNode(TraceObjects.node(traceNodes.get(i), names.get(i)));
      clusterMilli += traceNodes.get(i).gpus() * 1000L;
    }
    cache.updateSnapshot(snapshot);
    requireNameOrder(snapshot.list());
    Random ties = new Random(seed);
    int n = arrivals.size();
    long[] arrived = new long[n];
    long[] used = new long[n];
    boolean[] failed = new boolean[n];
    String[] placed = new String[n];
    long arrivedSum = 0;
    long usedSum = 0;
    for (int i = 0; i < n; i++) {
      Arrival a = arrivals.get(i);
      Pod pod = TraceObjects.pod(a.row(), a.name(), "sim-" + i, PROFILE);
      Optional<String> node = scheduleOne(fw, cache, snapshot, pod, firstOnTies ? null : ties);
      arrivedSum += a.row().totalGpuMilli();
      if (node.isPresent()) {
        usedSum += a.row().totalGpuMilli();
        placed[i] = node.get();
      } else {
        failed[i] = true;
        placed[i] = "";
      }
      arrived[i] = arrivedSum;
      used[i] = usedSum;
      executor.runUntilIdle();
      progress.accept(i + 1);
    }
    executor.close();
    return new Result(policy, seed, clusterMilli, arrived, used, failed, placed);
  }

  private static Optional<String> scheduleOne(Framework fw, SchedulerCache cache, Snapshot snapshot, Pod pod,
      Random ties) {
    cache.updateSnapshot(snapshot);
    CycleState state = new CycleState();
    List<NodeInfo> all = snapshot.list();
    PreFilterOutcome pre = fw.runPreFilter(state, pod, all);
    if (!pre.status().isSuccess()) {
      return Optional.empty();
    }
    Set<String> allowed = pre.nodeNames().orElse(null);
    List<NodeInfo> feasible = new ArrayList<>();
    for (NodeInfo node : all) {
      if (allowed == null || allowed.contains(node.nodeName())) {
        if (fw.passesFilters(state, pod, node)) {
          feasible.add(node);
        }
      }
    }
    if (feasible.isEmpty()) {
      return Optional.empty();
    }
    String chosen;
    if (feasible.size() == 1) {
      chosen = feasible.get(0).nodeName();
    } else {
      if (!fw.runPreScore(state, pod, feasible).isSuccess()) {
        return Optional.empty();
      }
      ScoreTable table = fw.runScore(state, pod, feasible);
      chosen = feasible.get(ties == null ? first(table.totals()) : select(table.totals(), ties)).nodeName();
    }
    cache.assumePod(PodRequests.podInfo(pod), chosen);
    Status s = fw.runReserve(state, pod, chosen);
    if (s.isSuccess()) {
      s = fw.runPermit(state, pod, chosen);
    }
    if (s.isSuccess()) {
      s = fw.runPreBind(state, pod, chosen);
    }
    if (s.isSuccess()) {
      s = fw.runBind(state, pod, chosen);
    }
    if (!s.isSuccess()) {
      fw.runUnreserve(state, pod, chosen);
      cache.forgetPod(pod.getMetadata().getUid());
      return Optional.empty();
    }
    cache.finishBinding(pod.getMetadata().getUid(), Instant.EPOCH);
    fw.runPostBind(state, pod, chosen);
    return Optional.of(chosen);
  }

  /**
   * The highest total, ties broken by the smallest node name: the first of them, as the feasible
   * nodes are in snapshot order, which is node-name order ({@link #requireNameOrder}; node order is
   * the seed's name permutation). Comparing names instead cost Random, whose scores tie at 0 on
   * almost every node, a string comparison per feasible node.
   */
  static int first(long[] totals) {
    int best = 0;
    for (int i = 1; i < totals.length; i++) {
      if (totals[i] > totals[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The nodes were added in name order and the snapshot lists them in the order they were added. */
  private static void requireNameOrder(List<NodeInfo> nodes) {
    for (int i = 1; i < nodes.size(); i++) {
      if (nodes.get(i - 1).nodeName().compareTo(nodes.get(i).nodeName()) >= 0) {
        throw new IllegalStateException("the scheduler snapshot does not list nodes in name order: "
            + nodes.get(i - 1).nodeName() + " before " + nodes.get(i).nodeName());
      }
    }
  }

  /** The highest total, ties broken uniformly at random by reservoir sampling (Kubernetes' selectHost). */
  static int select(long[] totals, Random random) {
    int best = 0;
    int count = 1;
    for (int i = 1; i < totals.length; i++) {
      if (totals[i] > totals[best]) {
        best = i;
        count = 1;
      } else if (totals[i] == totals[best]) {
        count++;
        if (random.nextInt(count) == 0) {
          best = i;
        }
      }
    }
    return best;
  }
}
