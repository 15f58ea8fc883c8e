package io.capstan.runtime.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.capstan.runtime.CapstanException;
import io.capstan.runtime.CapstanVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report folder of a timed replay ({@code --replay time}): {@code summary.json} (inputs with
 * SHA-256s, configuration, per run: pods scheduled and never scheduled, time-weighted mean arrived and
 * allocated GPU %, mean pending pods, scheduling latency percentiles; per policy mean ± sd over
 * seeds), {@code series/<policy>-<seed>.csv|json} (one row per trace instant), {@code timeline.png}
 * and {@code index.html}. Like the fill report, every file but {@code timings.json} is a function
 * of the inputs and seeds.
 */
final class TimedReports {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** The per-run metrics aggregated over seeds, in table order. */
  static final List<String> METRICS = List.of("meanAllocatedGpuPct", "meanArrivedGpuPct", "meanPendingPods",
      "neverScheduled", "latencyP50Seconds", "latencyP99Seconds");

  private TimedReports() {}

  static Map<String, Object> write(Simulation.Outcome o, Path out) {
    try {
      Files.createDirectories(out.resolve("series"));
      Map<String, Object> summary = summary(o);
      JSON.writeValue(out.resolve("summary.json").toFile(), summary);
      for (TimedRun.Result r : o.timed()) {
        writeSeries(r, out.resolve("series"));
      }
      JSON.writeValue(out.resolve("timings.json").toFile(), new java.util.TreeMap<>(o.runMillis()));
      Charts.timeline(o, out.resolve("timeline.png"));
      Html.writeTimed(o, summary, out.resolve("timeline.png"), out.resolve("index.html"));
      return summary;
    } catch (IOException e) {
      throw new CapstanException("cannot write the report to " + out + ": " + e.getMessage(), e);
    }
  }

  /** The metrics of one run, by name (see {@link #METRICS}). */
  static Map<String, Double> metrics(TimedRun.Result r) {
    List<TimedRun.Sample> s = r.samples();
    double alloc = 0;
    double arrived = 0;
    double pending = 0;
    long span = s.isEmpty() ? 0 : s.get(s.size() - 1).second() - s.get(0).second();
    for (int i = 0; i + 1 < s.size(); i++) {
      long dt = s.get(i + 1).second() - s.get(i).second();
      alloc += (double) s.get(i).allocatedMilli() * dt;
      arrived += (double) s.get(i).arrivedMilli() * dt;
      pending += (double) s.get(i).pending() * dt;
    }
    Map<String, Double> m = new LinkedHashMap<>();
    double cap = r.clusterGpuMilli();
    m.put("meanAllocatedGpuPct", span == 0 || cap == 0 ? Double.NaN : Metrics.round4(alloc / span / cap * 100));
    m.put("meanArrivedGpuPct", span == 0 || cap == 0 ? Double.NaN : Metrics.round4(arrived / span / cap * 100));
    m.put("meanPendingPods", span == 0 ? Double.NaN : Metrics.round4(pending / span));
    m.put("neverScheduled", (double) r.neverScheduled());
    long[] lat = r.latencyMillis().clone();
    java.util.Arrays.sort(lat);
    m.put("latencyP50Seconds", lat.length == 0 ? Double.NaN : lat[(lat.length - 1) / 2] / 1000.0);
    m.put("latencyP99Seconds", lat.length == 0 ? Double.NaN : lat[(int) Math.ceil(lat.length * 0.99) - 1] / 1000.0);
    return m;
  }

  static Map<String, Object> summary(Simulation.Outcome o) throws IOException {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("capstanVersion", CapstanVersion.version());
    s.put("inputs", Reports.inputs(o));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("policies", o.spec().policies());
    config.put("seeds", o.spec().seeds());
    config.put("replay", "time");
    config.put("engine", "control-plane");
    config.put("procedure", "timed replay: each pod created through the API at its creation time and deleted at its "
        + "deletion time on the virtual clock; the scheduler retries pending pods as it would live");
    config.put("fgdTargetWorkload", o.workload());
    Map<String, String> profiles = new LinkedHashMap<>();
    for (String p : o.spec().policies()) {
      profiles.put(p, FillRun.profileYaml(p, o.spec().seeds().get(0), o.workload()));
    }
    config.put("schedulerConfiguration", profiles);
    s.put("config", config);
    List<Map<String, Object>> runs = new ArrayList<>();
    Map<String, List<Map<String, Double>>> byPolicy = new LinkedHashMap<>();
    for (TimedRun.Result r : o.timed()) {
      Map<String, Double> m = metrics(r);
      byPolicy.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(m);
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("policy", r.policy());
      run.put("seed", r.seed());
      run.put("pods", r.pods());
      run.put("scheduled", r.scheduled());
      run.put("clusterGpuMilli", r.clusterGpuMilli());
      m.forEach((k, v) -> run.put(k, Reports.nanToNull(v)));
      runs.add(run);
    }
    s.put("runs", runs);
    Map<String, Object> agg = new LinkedHashMap<>();
    byPolicy.forEach((policy, list) -> {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("runs", list.size());
      for (String k : METRICS) {
        double[] st = Metrics.stats(list.stream().mapToDouble(m -> m.get(k)).toArray());
        Map<String, Object> meanSd = new LinkedHashMap<>();
        meanSd.put("mean", Reports.nanToNull(st[0]));
        meanSd.put("sd", Reports.nanToNull(st[1]));
        p.put(k, meanSd);
      }
      agg.put(policy, p);
    });
    s.put("aggregate", agg);
    return s;
  }

  private static void writeSeries(TimedRun.Result r, Path dir) throws IOException {
    String base = r.policy() + "-" + r.seed();
    StringBuilder csv = new StringBuilder("second,arrivedGpuMilli,allocatedGpuMilli,arrivedGpuPct,allocatedGpuPct,"
        + "pendingPods,runningPods\n");
    double cap = r.clusterGpuMilli();
    for (TimedRun.Sample x : r.samples()) {
      csv.append(x.second()).append(',').append(x.arrivedMilli()).append(',').append(x.allocatedMilli()).append(',')
          .append(Metrics.round4(x.arrivedMilli() / cap * 100)).append(',')
          .append(Metrics.round4(x.allocatedMilli() / cap * 100)).append(',').append(x.pending()).append(',')
          .append(x.running()).append('\n');
    }
    Files.writeString(dir.resolve(base + ".csv"), csv);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("policy", r.policy());
    doc.put("seed", r.seed());
    doc.put("clusterGpuMilli", r.clusterGpuMilli());
    doc.put("samples", r.samples());
    doc.put("schedulingLatencyMillis", r.latencyMillis());
    new ObjectMapper().writeValue(dir.resolve(base + ".json").toFile(), doc);
  }
}
