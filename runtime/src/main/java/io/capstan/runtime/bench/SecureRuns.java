package io.capstan.runtime.bench;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.ApiClient;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The security part of {@code bench apiserver}: pod creates and gets through every transport
 * (bare, plain, token over HTTP, HTTPS with a static token, a service-account token and a client
 * certificate) in rounds, reported as throughput and as process CPU time per request, each
 * compared with the plain and the bare run.
 *
 * <p>The rounds run the transports forwards, then backwards, and so on: a transport's predecessor
 * changes from round to round, so work one run leaves behind (store flushes and compactions, the
 * other servers' watch caches catching up, a garbage collection) does not always land on the same
 * successor. Before each timed run every client thread sends one untimed get, so connections the
 * server closed while idle (Jetty's 30 s idle timeout, passed during the other measurements) are
 * open again: a TLS handshake per connection is a cost of connecting, not of each request.
 * Throughput on a shared machine moves with the machine's other load; the CPU time per request
 * (all of it in this JVM: client, server, store, background work the requests cause) moves less,
 * so both are reported.
 */
final class SecureRuns {

  static final int ROUNDS = 4;

  /** One transport's figures over all rounds. */
  record Figures(double createsPerS, double getsPerS, double cpuMicrosPerCreate, double cpuMicrosPerGet) {
    Map<String, Double> asMap() {
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("pod_creates_per_s", createsPerS);
      out.put("pod_gets_per_s", getsPerS);
      out.put("pod_create_cpu_us", cpuMicrosPerCreate);
      out.put("pod_get_cpu_us", cpuMicrosPerGet);
      return out;
    }
  }

  private final int creates;
  private final int gets;
  private final int clients;
  private final Consumer<String> progress;

  SecureRuns(int creates, int gets, int clients, Consumer<String> progress) {
    this.creates = Math.max(1, creates / ROUNDS);
    this.gets = Math.max(1, gets / ROUNDS);
    this.clients = clients;
    this.progress = requireNonNull(progress, "progress");
  }

  /** Measures every transport of {@code transports} (named as in the metrics) in alternating rounds. */
  Map<String, Figures> measure(Map<String, ApiClient> transports) throws Exception {
    Map<String, double[]> totals = new LinkedHashMap<>();
    List<Map.Entry<String, ApiClient>> order = new ArrayList<>(transports.entrySet());
    for (Map.Entry<String, ApiClient> entry : order) {
      new ApiWorkloads(entry.getValue(), namespace(entry.getKey())).creates("prime", 1, 1);
    }
    for (int round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        Collections.reverse(order);
      }
      for (Map.Entry<String, ApiClient> entry : order) {
        String transport = entry.getKey();
        ApiWorkloads work = new ApiWorkloads(entry.getValue(), namespace(transport));
        progress.accept(transport + ": round " + (round + 1) + " of " + ROUNDS);
        String prefix = "r" + round;
        double[] total = totals.computeIfAbsent(transport, t -> new double[4]);
        work.gets("prime", 1, clients, clients);
        long cpu = processCpuNanos();
        total[0] += creates / work.creates(prefix, creates, clients);
        long created = processCpuNanos();
        total[1] += gets / work.gets(prefix, creates, gets, clients);
        total[2] += created - cpu;
        total[3] += processCpuNanos() - created;
      }
    }
    Map<String, Figures> out = new LinkedHashMap<>();
    double allCreates = (double) creates * ROUNDS;
    double allGets = (double) gets * ROUNDS;
    totals.forEach((transport, t) -> out.put(transport,
        new Figures(allCreates / t[0], allGets / t[1], t[2] / 1e3 / allCreates, t[3] / 1e3 / allGets)));
    return out;
  }

  /** The namespace a transport's pods go to. */
  static String namespace(String transport) {
    return "bench-" + transport.replace('_', '-');
  }

  /**
   * Adds the figures: {@code http_bare} alone; {@code http_plain} against it (the admission
   * chain's cost); every other transport against {@code http_plain} (TLS, authentication,
   * authorization) and, as {@code .with_admission.}, against {@code http_bare} (all of it).
   * Overheads are time (or CPU time) per request added, in percent.
   */
  static void report(BenchReport report, String store, Map<String, Figures> measured) {
    Map<String, Double> bare = measured.get("http_bare").asMap();
    Map<String, Double> plain = measured.get("http_plain").asMap();
    measured.forEach((transport, figures) -> figures.asMap().forEach((name, value) -> {
      String metric = store + "." + transport + "." + name;
      boolean cpu = name.endsWith("_cpu_us");
      String overhead = cpu ? name.replace("_cpu_us", "_cpu_overhead_pct") : name.replace("_per_s", "_overhead_pct");
      String unit = cpu ? "us" : name.contains("creates") ? "creates/s" : "gets/s";
      switch (transport) {
        case "http_bare" -> report.add(Metric.of(metric, value, unit));
        case "http_plain" -> {
          report.add(Metric.of(metric, value, unit).comparedWith(store + ".http_bare", bare.get(name)));
          report.add(Metric.of(store + ".admission." + overhead, overheadPct(value, bare.get(name), cpu), "%"));
        }
        default -> {
          report.add(Metric.of(metric, value, unit).comparedWith(store + ".http_plain", plain.get(name)));
          report.add(Metric.of(store + "." + transport + "." + overhead, overheadPct(value, plain.get(name), cpu), "%"));
          report.add(Metric.of(store + "." + transport + ".with_admission." + overhead, overheadPct(value, bare.get(name), cpu), "%"));
        }
      }
    }));
  }

  /** Per-request time added over the anchor: from rates (anchor / value) or from CPU times (value / anchor). */
  private static double overheadPct(double value, double anchor, boolean cpuTime) {
    return 100.0 * ((cpuTime ? value / anchor : anchor / value) - 1);
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }
}
