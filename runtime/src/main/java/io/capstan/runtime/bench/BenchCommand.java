package io.capstan.runtime.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code capstan bench}: benchmarks that start what they measure and print figures with ratios. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Run a benchmark; prints a table, or one JSON object with --json."},
    subcommands = {BenchCommand.Store.class, BenchCommand.ApiServerBenchCommand.class, BenchCommand.Nodes.class,
        SchedulerBenchCommand.class, BenchCommand.ControllersBenchCommand.class, BenchCommand.Proxy.class})
public final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code capstan bench store}. */
  @Command(name = "store", mixinStandardHelpOptions = true,
      description = {"Store plugins against a local etcd in one run: puts/s (1 and 16 clients), CAS/s on hot keys,",
          "range of 10,000 keys, watch latency p50/p99 with 100 watchers. Starts etcd itself when it is on PATH."})
  static final class Store implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table")
    boolean json;

    @Option(names = "--plugins", split = ",", defaultValue = "memory,rocksdb,etcd", description = "Plugins to measure (default: ${DEFAULT-VALUE})")
    List<String> plugins;

    @Option(names = "--puts", defaultValue = "100000", description = "Puts of 256-byte values with 16 clients (default: ${DEFAULT-VALUE})")
    int puts;

    @Option(names = "--warmup-puts", defaultValue = "120000",
        description = "Unmeasured puts from 16 clients into every store before the first round (default: ${DEFAULT-VALUE})")
    int warmUpPuts;

    @Option(names = "--sequential-puts", defaultValue = "100000", description = "Puts from one client (default: ${DEFAULT-VALUE})")
    int sequentialPuts;

    @Option(names = "--cas-updates", defaultValue = "500", description = "CAS updates per client, 16 clients, 8 hot keys (default: ${DEFAULT-VALUE})")
    int casUpdates;

    @Option(names = "--range-keys", defaultValue = "10000", description = "Keys in the ranged prefix (default: ${DEFAULT-VALUE})")
    int rangeKeys;

    @Option(names = "--watchers", defaultValue = "100", description = "Watchers during writes (default: ${DEFAULT-VALUE})")
    int watchers;

    @Option(names = "--watch-puts", defaultValue = "5000", description = "Puts observed by the watchers (default: ${DEFAULT-VALUE})")
    int watchPuts;

    @Option(names = "--watch-put-rate", defaultValue = "1000", description = "Puts per second while measuring watch latency (default: ${DEFAULT-VALUE})")
    int watchPutRate;

    @Option(names = "--etcd-endpoint", description = "Use this etcd instead of starting one")
    String etcdEndpoint;

    @Option(names = "--rounds", defaultValue = "3",
        description = "Rounds of every workload against every store; medians are reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter progress = spec.commandLine().getErr();
      if (rounds < 1) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rounds must be at least 1, was " + rounds);
      }
      if (warmUpPuts < 0) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--warmup-puts must not be negative, was "
            + warmUpPuts);
      }
      StoreBench.Settings settings = new StoreBench.Settings(plugins, warmUpPuts, puts, sequentialPuts, casUpdates,
          rangeKeys, watchers, watchPuts, watchPutRate, rounds, Optional.ofNullable(etcdEndpoint));
      BenchReport report = new StoreBench(settings, progress).run();
      report.print(out, json);
      return 0;
    }
  }

  /** {@code capstan bench apiserver}. */
  @Command(name = "apiserver", mixinStandardHelpOptions = true,
      description = {"An API server per store plugin, over HTTP and in-process in one run: pod creates/s and gets/s",
          "(16 clients), a list of 10,000 pods, and watch fan-out latency p50/p99 to 1,000 watchers."})
  static final class ApiServerBenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table")
    boolean json;

    @Option(names = "--stores", split = ",", defaultValue = "memory,rocksdb", description = "Store plugins (default: ${DEFAULT-VALUE})")
    List<String> stores;

    @Option(names = "--creates", defaultValue = "20000", description = "Pods created per transport (default: ${DEFAULT-VALUE})")
    int creates;

    @Option(names = "--gets", defaultValue = "100000", description = "Gets per transport (default: ${DEFAULT-VALUE})")
    int gets;

    @Option(names = "--list-pods", defaultValue = "10000", description = "Pods in the listed namespace (default: ${DEFAULT-VALUE})")
    int listPods;

    @Option(names = "--watchers", defaultValue = "1000", description = "Watchers for the fan-out (default: ${DEFAULT-VALUE})")
    int watchers;

    @Option(names = "--watch-creates", defaultValue = "200", description = "Pods created at 50/s during the fan-out (default: ${DEFAULT-VALUE})")
    int watchCreates;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients for creates and gets (default: ${DEFAULT-VALUE})")
    int clients;

    @Override
    public Integer call() throws Exception {
      ApiServerBench.Settings settings = new ApiServerBench.Settings(stores, creates, gets, listPods, watchers, watchCreates, clients);
      BenchReport report = new ApiServerBench(settings, spec.commandLine().getErr()).run();
      report.print(spec.commandLine().getOut(), json);
      return 0;
    }
  }

  /** {@code capstan bench nodes}. */
  @Command(name = "nodes", mixinStandardHelpOptions = true,
      description = {"An API server and N simulated nodes in this JVM: node registration, heap after loading the pods,",
          "heartbeat CPU per minute of idle cluster, and created->Running p50/p99 of a burst of pods."})
  static final class Nodes implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table")
    boolean json;

    @Option(names = "--nodes", defaultValue = "5000", description = "Simulated nodes (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--pods", defaultValue = "150000", description = "Pods in total, the burst included (default: ${DEFAULT-VALUE})")
    int pods;

    @Option(names = "--burst", defaultValue = "10000", description = "Pods created at once for the startup latency (default: ${DEFAULT-VALUE})")
    int burst;

    @Option(names = "--heartbeat-window", defaultValue = "60s", description = "Idle time over which heartbeat CPU is measured (default: ${DEFAULT-VALUE})")
    String heartbeatWindow;

    @Option(names = "--store", defaultValue = "memory", description = "Store plugin (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent pod creators (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--no-scheduler", description = "Create the burst bound round-robin instead of through the scheduler")
    boolean noScheduler;

    @Option(names = "--burst-rate", defaultValue = "0",
        description = "Pods per second the burst is created at, as clusterloader2's tuning sets; 0: as fast as possible (default: ${DEFAULT-VALUE})")
    int burstRate;

    // 200,000 in rounds of 40,000, as bench scheduler (see there): after 40,000 the burst's p99 was
    // 2.1-2.5 s, the JIT's single C2 thread still compiling the per-pod paths and the burst paying it
    @Option(names = "--warmup-pods", defaultValue = "200000",
        description = "Pods started through the scheduler and deleted before the burst, in rounds of 40,000, so the JIT has compiled the"
            + " paths it takes, as in bench scheduler; their history is then compacted; 0: none (default: ${DEFAULT-VALUE})")
    int warmupPods;

    @Override
    public Integer call() throws Exception {
      if (nodes <= 0 || pods < 0 || burst <= 0 || burst > Math.max(pods, burst) || clients <= 0 || burstRate < 0 || warmupPods < 0) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--nodes, --burst and --clients must be positive, --pods, --burst-rate and --warmup-pods >= 0");
      }
      NodesBench.Settings settings = new NodesBench.Settings(nodes, Math.max(pods, burst), burst,
          io.capstan.spi.plugin.DurationDeserializer.parse(heartbeatWindow), store, clients, !noScheduler, burstRate, warmupPods);
      BenchReport report = new NodesBench(settings, spec.commandLine().getErr()).run();
      report.print(spec.commandLine().getOut(), json);
      return 0;
    }
  }

  /** {@code capstan bench controllers}. */
  @Command(name = "controllers", mixinStandardHelpOptions = true,
      description = {"API server, scheduler, controller manager and simulated nodes in one process: a Deployment of",
          "N replicas from apply to all available, a rolling update of all of them (max unavailable observed), then",
          "scale to 0."})
  static final class ControllersBenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table")
    boolean json;

    @Option(names = "--replicas", defaultValue = "1000", description = "Replicas of the Deployment (default: ${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--nodes", defaultValue = "100", description = "Simulated nodes (node agents) to run (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--max-surge", defaultValue = "25%", description = "Rolling update maxSurge (default: ${DEFAULT-VALUE})")
    String maxSurge;

    @Option(names = "--max-unavailable", defaultValue = "25%", description = "Rolling update maxUnavailable (default: ${DEFAULT-VALUE})")
    String maxUnavailable;

    @Option(names = "--simulated-kubelet", description = {"Instead of the scheduler and node agents, a stand-in that",
        "binds every pod round-robin and reports it Ready at once: measures the controllers and API server alone"})
    boolean simulatedKubelet;

    @Option(names = "--warmup", defaultValue = "100", description = {"Replicas of a Deployment applied, rolled and deleted",
        "before the measured one, so a fresh JVM's class loading and JIT are not measured; 0: measure cold",
        "(default: ${DEFAULT-VALUE})"})
    int warmup;

    @Override
    public Integer call() throws Exception {
      if (replicas <= 0 || nodes <= 0 || warmup < 0) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--replicas and --nodes must be positive and --warmup at least 0");
      }
      ControllerBench.Settings settings = new ControllerBench.Settings(replicas, nodes, maxSurge, maxUnavailable,
          simulatedKubelet, warmup);
      BenchReport report = new ControllerBench(settings, spec.commandLine().getErr()).run();
      report.print(spec.commandLine().getOut(), json);
      return 0;
    }
  }

  /** {@code capstan bench proxy}. */
  @Command(name = "proxy", mixinStandardHelpOptions = true,
      description = {"One HTTP backend measured directly, through the userspace proxy and through the builtin ingress in",
          "one run: requests/s and p99 with keep-alive clients, proxied vs direct (target: at least 70%%); then the",
          "iptables mode's full and incremental sync time for 1,000 and 10,000 services (target: 10,000 under 2 s)."})
  static final class Proxy implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table")
    boolean json;

    @Option(names = "--requests", defaultValue = "40000", description = "GETs per target (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent keep-alive clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--only", description = "Measure only this part: http (userspace proxy and builtin ingress) or "
        + "iptables (rule sync time at 1,000 and 10,000 services)")
    String only;

    @Override
    public Integer call() throws Exception {
      if (requests <= 0 || clients <= 0) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--requests and --clients must be positive");
      }
      if (only != null && !only.equals("http") && !only.equals("iptables")) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--only must be http or iptables, not '" + only + "'");
      }
      BenchReport report = new ProxyBench(new ProxyBench.Settings(requests, clients, only == null || only.equals("http"),
          only == null || only.equals("iptables")), spec.commandLine().getErr()).run();
      report.print(spec.commandLine().getOut(), json);
      return 0;
    }
  }
}
