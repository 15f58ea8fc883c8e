package io.capstan.runtime.research;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.capstan.runtime.CapstanException;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.kernel.SpiFamilies;
import io.capstan.runtime.plugin.DiscoveredPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code capstan sim}: replays a trace through the real scheduler framework with one or more policy
 * plugins and seeds ("fill until full", as the FGD paper's experiments) and writes a report folder.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = {"Replay a GPU trace through the scheduler framework, compare policies, write a report.",
        "Example: capstan sim --nodes openb_node_list_gpu_node.csv --pods openb_pod_list_default.csv \\",
        "           --policy Random,DotProduct,GpuClustering,GpuPacking,BestFit,FGD --seeds 42..51 --out report"})
public final class SimCommand implements Callable<Integer> {

  /** The YAML experiment file: the same fields as the flags; flags given on the command line win. */
  public record ExperimentFile(Path nodes, Path pods, List<String> policies, String seeds, Double tune, Path out,
      Integer threads, TraceReader.CsvMapping csvMapping, String tieBreak, String engine, String replay) {}

  @Spec CommandSpec spec;

  @Option(names = "--experiment", paramLabel = "FILE", description = "YAML experiment file (nodes, pods, policies, "
      + "seeds, tune, out, threads, csvMapping)")
  Path experiment;

  @Option(names = "--nodes", paramLabel = "CSV", description = "Node trace (openb_node_list_*.csv layout)")
  Path nodes;

  @Option(names = "--pods", paramLabel = "CSV", description = "Pod trace (openb_pod_list_*.csv layout)")
  Path pods;

  @Option(names = "--policy", split = ",", paramLabel = "NAME", description = "Score plugin(s) to compare, e.g. FGD,BestFit")
  List<String> policies;

  @Option(names = "--seed", description = "One seed")
  Long seed;

  @Option(names = "--seeds", paramLabel = "A..B|A,B,..", description = "Several seeds, e.g. 42..51")
  String seeds;

  @Option(names = "--tune", description = "Inflate the workload to this multiple of cluster GPU capacity (default 1.3; 0 = as is)")
  Double tune;

  @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: data/sim/<timestamp-free name>)")
  Path out;

  @Option(names = "--threads", description = "Runs in parallel (default: available processors)")
  Integer threads;

  @Option(names = "--tie-break", paramLabel = "random|first", description = "Among top-scoring nodes pick a seeded "
      + "random one (Kubernetes' selectHost) or, by default as the FGD paper's simulator does, the first in node-name order")
  String tieBreak;

  @Option(names = "--engine", paramLabel = "framework|control-plane", description = "framework (default): the "
      + "profile's framework over a scheduler cache, fast; control-plane: API server, scheduler component (informers, "
      + "queue, binding) and simulated node agents on the virtual clock, as capstan up runs them")
  String engine;

  @Option(names = "--replay", paramLabel = "fill|time", description = "fill (default): the FGD paper's fill until "
      + "full, one pod at a time, no retry; time: pods created at creation_time and deleted at deletion_time on the "
      + "virtual clock, pending pods retried by the scheduler (control plane only)")
  String replay;

  @Option(names = "--no-progress", description = "Do not draw the progress bar")
  boolean noProgress;

  @Override
  public Integer call() throws IOException {
    ExperimentFile file = experiment == null ? new ExperimentFile(null, null, null, null, null, null, null, null, null, null, null)
        : readExperiment(experiment);
    Path n = pick(nodes, file.nodes(), "--nodes");
    Path p = pick(pods, file.pods(), "--pods");
    List<String> pol = policies != null ? policies : file.policies() != null ? file.policies() : List.of("FGD");
    List<Long> s = seed != null ? List.of(seed) : parseSeeds(seeds != null ? seeds : file.seeds() != null ? file.seeds() : "42");
    double t = tune != null ? tune : file.tune() != null ? file.tune() : 1.3;
    int th = threads != null ? threads : file.threads() != null ? file.threads()
        : Runtime.getRuntime().availableProcessors();
    Path o = out != null ? out : file.out() != null ? file.out()
        : Path.of("data", "sim", String.join("-", pol) + "-" + s.get(0) + (s.size() > 1 ? "-" + s.get(s.size() - 1) : ""));
    TraceReader.CsvMapping mapping = file.csvMapping() != null ? file.csvMapping() : TraceReader.CsvMapping.openb();
    String rp = replay != null ? replay : file.replay() != null ? file.replay() : "fill";
    if (!rp.equals("fill") && !rp.equals("time")) {
      throw new CapstanException("--replay must be fill or time, was " + rp);
    }
    boolean timed = rp.equals("time");
    String en = engine != null ? engine : file.engine() != null ? file.engine() : timed ? "control-plane" : "framework";
    Simulation.Engine eng = switch (en) {
      case "framework" -> Simulation.Engine.FRAMEWORK;
      case "control-plane" -> Simulation.Engine.CONTROL_PLANE;
      default -> throw new CapstanException("--engine must be framework or control-plane, was " + en);
    };
    String tb = tieBreak != null ? tieBreak : file.tieBreak() != null ? file.tieBreak()
        : eng == Simulation.Engine.FRAMEWORK ? "first" : "random";
    if (!tb.equals("random") && !tb.equals("first")) {
      throw new CapstanException("--tie-break must be random or first, was " + tb);
    }
    Simulation.Spec simSpec = new Simulation.Spec(n, p, mapping, pol, s, t, Math.max(1, th), tb.equals("first"), eng, timed);
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outw = spec.commandLine().getOut();
    ProgressBar bar = new ProgressBar(err, !noProgress);
    long began = System.nanoTime();
    Simulation.Outcome outcome = new Simulation(schedulerPlugins()).run(simSpec, bar);
    bar.finish();
    Reports.write(outcome, o);
    outw.printf("capstan sim: %d run(s) in %.1f s; report in %s%n", outcome.results().size() + outcome.timed().size(),
        (System.nanoTime() - began) / 1e9, o.toAbsolutePath());
    printTable(outw, outcome);
    outw.flush();
    return 0;
  }

  private static void printTable(PrintWriter w, Simulation.Outcome o) {
    if (o.spec().timed()) {
      Map<String, List<Map<String, Double>>> byPolicy = new LinkedHashMap<>();
      for (TimedRun.Result r : o.timed()) {
        byPolicy.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(TimedReports.metrics(r));
      }
      w.printf("%-16s %18s %18s %16s %14s%n", "policy", "mean allocated %", "mean pending pods", "never scheduled",
          "latency p99 s");
      byPolicy.forEach((policy, runs) -> w.printf("%-16s %18.2f %18.1f %16.1f %14.1f%n", policy,
          mean(runs, "meanAllocatedGpuPct"), mean(runs, "meanPendingPods"), mean(runs, "neverScheduled"),
          mean(runs, "latencyP99Seconds")));
      return;
    }
    Map<String, List<Double>> at100 = new LinkedHashMap<>();
    for (FillRun.Result r : o.results()) {
      at100.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(Metrics.unallocatedByArrival(r)[100]);
    }
    w.printf("%-16s %22s%n", "policy", "unallocated GPU % @100");
    at100.forEach((policy, v) -> {
      double[] st = Metrics.stats(v.stream().mapToDouble(Double::doubleValue).toArray());
      w.printf("%-16s %14.2f ± %5.2f%n", policy, st[0], st[1]);
    });
  }

  private static double mean(List<Map<String, Double>> runs, String metric) {
    return runs.stream().mapToDouble(m -> m.get(metric)).average().orElse(Double.NaN);
  }

  static Map<String, SchedulerPluginFactory<?>> schedulerPlugins() {
    KernelPlan plan = KernelPlan.resolve(ConfigInputs.fromProcess(Optional.empty(), Map.of()));
    Map<String, SchedulerPluginFactory<?>> out = new LinkedHashMap<>();
    for (DiscoveredPlugin d : plan.catalog().plugins(SpiFamilies.SCHEDULER)) {
      out.put(d.name(), (SchedulerPluginFactory<?>) d.factory());
    }
    return out;
  }

  private static Path pick(Path flag, Path fromFile, String name) {
    if (flag != null) {
      return flag;
    }
    if (fromFile != null) {
      return fromFile;
    }
    throw new CapstanException("capstan sim needs " + name + " (or the field in --experiment FILE)");
  }

  /** "42", "42..51" or "1,5,9". */
  static List<Long> parseSeeds(String text) {
    List<Long> out = new ArrayList<>();
    try {
      for (String part : text.split(",")) {
        String t = part.trim();
        int dots = t.indexOf("..");
        if (dots > 0) {
          long a = Long.parseLong(t.substring(0, dots).trim());
          long b = Long.parseLong(t.substring(dots + 2).trim());
          if (b < a || b - a > 10_000) {
            throw new CapstanException("--seeds " + text + ": the range must go up and hold at most 10,000 seeds");
          }
          for (long x = a; x <= b; x++) {
            out.add(x);
          }
        } else if (!t.isEmpty()) {
          out.add(Long.parseLong(t));
        }
      }
    } catch (NumberFormatException e) {
      throw new CapstanException("--seeds " + text + ": expected A..B or a comma-separated list of integers");
    }
    if (out.isEmpty()) {
      throw new CapstanException("--seeds " + text + ": no seeds");
    }
    return out;
  }

  private static ExperimentFile readExperiment(Path file) {
    try {
      ExperimentFile f = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(file.toFile(), ExperimentFile.class);
      Path base = file.toAbsolutePath().getParent();
      return new ExperimentFile(resolve(base, f.nodes()), resolve(base, f.pods()), f.policies(), f.seeds(), f.tune(),
          resolve(base, f.out()), f.threads(), f.csvMapping(), f.tieBreak(), f.engine(), f.replay());
    } catch (IOException e) {
      throw new CapstanException("cannot read experiment file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path resolve(Path base, Path p) {
    return p == null || p.isAbsolute() ? p : base.resolve(p);
  }
}
