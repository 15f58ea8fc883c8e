package io.capstan.runtime.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code capstan bench scheduler}. */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
    description = {"The scheduler against an in-process API server, as scheduler_perf's SchedulingBasic: nodes of",
        "4 CPU / 32Gi / 110 pods, 1,000 initial pods, then pods of 100m / 500Mi; pods/s created -> bound,",
        "p50/p99 latency and time per extension point."})
final class SchedulerBenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object instead of a table")
  boolean json;

  @Option(names = "--nodes", defaultValue = "5000", description = "Nodes (default: ${DEFAULT-VALUE})")
  int nodes;

  @Option(names = "--pods", defaultValue = "10000", description = "Measured pods (default: ${DEFAULT-VALUE})")
  int pods;

  @Option(names = "--initial-pods", defaultValue = "1000", description = "Pods scheduled before measuring (default: ${DEFAULT-VALUE})")
  int initialPods;

  @Option(names = "--store", defaultValue = "memory", description = "Store plugin: memory or rocksdb (default: ${DEFAULT-VALUE})")
  String store;

  @Option(names = "--workload", defaultValue = "basic",
      description = "basic, affinity, spread, antiaffinity or preemption (default: ${DEFAULT-VALUE})")
  String workload;

  @Option(names = "--explain", description = "Record explanations as pod annotations (off by default here; measures their cost)")
  boolean explain;

  @Option(names = "--events", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Write Scheduled events as kube-scheduler does (default: on)")
  boolean events;

  @Option(names = "--batching", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Let identical pods reuse the last ranking of nodes (Kubernetes' opportunistic batching; default: on)")
  boolean batching;

  // 200,000 (in rounds of 40,000): on 2 cores the JVM has one C2 compiler thread, and JFR showed it
  // busy all the time for the first ~30 s of this bench: 1,070 methods compiled at tier 4 in 17 s of
  // compile time (AdmissionChain.admit alone 0.9 s), the per-request paths of admission and the store
  // still running tier-3 (profiled C1) code 13 s in, because C2's thresholds grow with its queue.
  // Measured with memory: ~8,700 pods/s after 40,000 warm-up pods (non-JIT, non-GC CPU 165 us/pod),
  // 11,800 after 80,000, 10,000-13,500 after 120,000, 12,000-14,500 after 200,000 (~115 us/pod)
  @Option(names = "--warmup-pods", defaultValue = "200000",
      description = "Pods scheduled and deleted before measuring, in rounds of 40,000, so the JIT has compiled the hot paths; 0: none (default: ${DEFAULT-VALUE})")
  int warmupPods;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SchedulerBench.Settings settings = new SchedulerBench.Settings(nodes, pods, initialPods, store, workload, explain, events,
        batching, warmupPods);
    new SchedulerBench(settings, spec.commandLine().getErr()).run().print(out, json);
    return 0;
  }
}
