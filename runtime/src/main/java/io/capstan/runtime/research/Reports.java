package io.capstan.runtime.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.capstan.runtime.CapstanException;
import io.capstan.runtime.CapstanVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an experiment's report folder: {@code summary.json} (inputs with SHA-256s, configuration,
 * per-run metrics and per-policy aggregates), {@code series/<policy>-<seed>.csv|json} (per arriving
 * pod), {@code comparison.png} and {@code index.html}. Every file is a function of the inputs and
 * seeds only; wall-clock timings go to {@code timings.json}.
 */
public final class Reports {

  /** The arrival points of the mean ± sd table. */
  public static final int[] TABLE_POINTS = {80, 90, 95, 100, 110, 120, 130};
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Reports() {}

  public static Map<String, Object> write(Simulation.Outcome o, Path out) {
    if (o.spec().timed()) {
      return TimedReports.write(o, out);
    }
    try {
      Files.createDirectories(out.resolve("series"));
      Map<String, Object> summary = summary(o);
      JSON.writeValue(out.resolve("summary.json").toFile(), summary);
      for (FillRun.Result r : o.results()) {
        writeSeries(r, out.resolve("series"));
      }
      JSON.writeValue(out.resolve("timings.json").toFile(), new java.util.TreeMap<>(o.runMillis()));
      Charts.comparison(o, out.resolve("comparison.png"));
      Html.write(o, summary, out.resolve("comparison.png"), out.resolve("index.html"));
      return summary;
    } catch (IOException e) {
      throw new CapstanException("cannot write the report to " + out + ": " + e.getMessage(), e);
    }
  }

  static Map<String, Object> summary(Simulation.Outcome o) throws IOException {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("capstanVersion", CapstanVersion.version());
    s.put("inputs", inputs(o));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("policies", o.spec().policies());
    config.put("seeds", o.spec().seeds());
    config.put("tune", o.spec().tune());
    config.put("tieBreak", o.spec().firstOnTies() ? "first" : "random");
    config.put("engine", o.spec().engine() == Simulation.Engine.CONTROL_PLANE ? "control-plane" : "framework");
    config.put("procedure", "fill until full: node prefixes permuted and pods shuffled by seed, inflated to tune x "
        + "cluster GPU milli, one pod at a time, failed pods not retried");
    config.put("fgdTargetWorkload", o.workload());
    Map<String, String> profiles = new LinkedHashMap<>();
    for (String p : o.spec().policies()) {
      profiles.put(p, FillRun.profileYaml(p, o.spec().seeds().get(0), o.workload()));
    }
    config.put("schedulerConfiguration", profiles);
    s.put("config", config);
    List<Map<String, Object>> runs = new ArrayList<>();
    Map<String, List<double[]>> byPolicy = new LinkedHashMap<>();
    for (FillRun.Result r : o.results()) {
      double[] un = Metrics.unallocatedByArrival(r);
      byPolicy.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(un);
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("policy", r.policy());
      run.put("seed", r.seed());
      run.put("pods", r.arrived().length);
      int failed = 0;
      for (boolean f : r.failed()) {
        failed += f ? 1 : 0;
      }
      run.put("failedPods", failed);
      run.put("clusterGpuMilli", r.clusterGpuMilli());
      run.put("arrivedGpuMilli", r.arrived().length == 0 ? 0 : r.arrived()[r.arrived().length - 1]);
      run.put("allocatedGpuMilli", r.used().length == 0 ? 0 : r.used()[r.used().length - 1]);
      run.put("firstGapArrivalPct", nanToNull(Metrics.firstGapArrivalPct(r)));
      run.put("unallocatedGpuPctAt100", nanToNull(un[100]));
      run.put("unallocatedGpuPct", byArrival(un));
      runs.add(run);
    }
    s.put("runs", runs);
    Map<String, Object> agg = new LinkedHashMap<>();
    for (Map.Entry<String, List<double[]>> e : byPolicy.entrySet()) {
      Map<String, Object> perK = new LinkedHashMap<>();
      for (int k = 0; k <= Metrics.MAX_ARRIVAL; k++) {
        perK.put(String.valueOf(k), statsAt(e.getValue(), k));
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("runs", e.getValue().size());
      p.put("unallocatedGpuPctAt100", statsAt(e.getValue(), 100));
      p.put("unallocatedGpuPct", perK);
      agg.put(e.getKey(), p);
    }
    s.put("aggregate", agg);
    return s;
  }

  /** The input files with their SHA-256 and row counts, and the CSV mapping. */
  static Map<String, Object> inputs(Simulation.Outcome o) throws IOException {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("nodes", FillRun.ordered("file", o.spec().nodes().getFileName().toString(),
        "sha256", sha256(o.spec().nodes()), "count", o.nodes().size()));
    inputs.put("pods", FillRun.ordered("file", o.spec().pods().getFileName().toString(),
        "sha256", sha256(o.spec().pods()), "count", o.pods().size()));
    inputs.put("csvMapping", o.spec().mapping());
    return inputs;
  }

  static Map<String, Object> statsAt(List<double[]> runs, int k) {
    double[] v = runs.stream().mapToDouble(u -> u[k]).toArray();
    double[] st = Metrics.stats(v);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", nanToNull(st[0]));
    m.put("sd", nanToNull(st[1]));
    m.put("median", nanToNull(st[2]));
    m.put("q25", nanToNull(st[3]));
    m.put("q75", nanToNull(st[4]));
    return m;
  }

  private static Map<String, Object> byArrival(double[] un) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int k = 0; k < un.length; k++) {
      m.put(String.valueOf(k), nanToNull(un[k]));
    }
    return m;
  }

  static Object nanToNull(double d) {
    return Double.isNaN(d) ? null : d;
  }

  private static void writeSeries(FillRun.Result r, Path dir) throws IOException {
    String base = r.policy() + "-" + r.seed();
    StringBuilder csv = new StringBuilder("pod,arrivedGpuMilli,allocatedGpuMilli,arrivedGpuPct,allocatedGpuPct,"
        + "pendingPods,failed,node\n");
    List<Map<String, Object>> rows = new ArrayList<>();
    double cap = r.clusterGpuMilli();
    int failedSoFar = 0;
    for (int i = 0; i < r.arrived().length; i++) {
      failedSoFar += r.failed()[i] ? 1 : 0;
      double a = Metrics.round4(r.arrived()[i] / cap * 100);
      double u = Metrics.round4(r.used()[i] / cap * 100);
      csv.append(i).append(',').append(r.arrived()[i]).append(',').append(r.used()[i]).append(',').append(a)
          .append(',').append(u).append(',').append(failedSoFar).append(',').append(r.failed()[i])
          .append(',').append(r.nodes()[i]).append('\n');
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("pod", i);
      row.put("arrivedGpuMilli", r.arrived()[i]);
      row.put("allocatedGpuMilli", r.used()[i]);
      row.put("pendingPods", failedSoFar);
      row.put("failed", r.failed()[i]);
      row.put("node", r.nodes()[i]);
      rows.add(row);
    }
    Files.writeString(dir.resolve(base + ".csv"), csv);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("policy", r.policy());
    doc.put("seed", r.seed());
    doc.put("clusterGpuMilli", r.clusterGpuMilli());
    doc.put("note", "pendingPods counts pods that failed and were not retried; scheduling latency is virtual "
        + "(the clock does not advance), so it is 0 and not listed");
    doc.put("events", rows);
    new ObjectMapper().writeValue(dir.resolve(base + ".json").toFile(), doc);
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      MessageDigest d = ((DigestInputStream) in).getMessageDigest();
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
