package io.capstan.runtime.bench;

import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.spi.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code capstan bench store}: one workload against each store plugin in the same run, and the
 * ratio of each figure to etcd's. Stores are built through the kernel from configuration, exactly
 * as {@code capstan up} builds them, so the bench measures what users run.
 */
final class StoreBench {

  /** What one run measures; defaults follow the workload. */
  record Settings(List<String> plugins, int puts, int sequentialPuts, int casUpdatesPerClient, int rangeKeys,
      int watchers, int watchPuts, int watchPutRate, Optional<String> etcdEndpoint) {}

  static final String ANCHOR = "etcd";

  private final Settings settings;
  private final PrintWriter progress;

  StoreBench(Settings settings, PrintWriter progress) {
    this.settings = settings;
    this.progress = progress;
  }

  BenchReport run() throws Exception {
    BenchReport report = new BenchReport("store");
    Map<String, Map<String, double[]>> figures = new LinkedHashMap<>();
    Optional<LocalEtcd> etcd = Optional.empty();
    try {
      for (String plugin : settings.plugins()) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("store.plugin", plugin);
        // Only the store is wired: no API server, so no admission chain either.
        flags.put("components", "");
        flags.put("apiserver.admission", "");
        Path dir = Files.createTempDirectory("capstan-bench-" + plugin);
        if (plugin.equals("rocksdb")) {
          flags.put("store.rocksdb.dataDir", dir.toString());
        }
        if (plugin.equals("etcd")) {
          if (settings.etcdEndpoint().isPresent()) {
            flags.put("store.etcd.endpoints", settings.etcdEndpoint().get());
          } else if (LocalEtcd.binary().isPresent()) {
            etcd = Optional.of(LocalEtcd.start(dir));
            flags.put("store.etcd.endpoints", etcd.get().endpoint());
          } else {
            report.note("etcd skipped: no etcd binary on PATH (apt-get install etcd-server) and no --etcd-endpoint");
            continue;
          }
        }
        figures.put(plugin, measure(plugin, flags));
        if (plugin.equals("etcd")) {
          etcd.ifPresent(LocalEtcd::close);
          etcd = Optional.empty();
        }
      }
    } finally {
      etcd.ifPresent(LocalEtcd::close);
    }
    Map<String, double[]> anchor = figures.get(ANCHOR);
    figures.forEach((plugin, metrics) -> metrics.forEach((name, valueAndUnit) -> {
      Metric m = Metric.of(plugin + "." + name, valueAndUnit[0], UNITS.get(name));
      if (anchor != null && !plugin.equals(ANCHOR) && anchor.containsKey(name)) {
        m = m.comparedWith(ANCHOR, anchor.get(name)[0]);
      }
      report.add(m);
    }));
    return report;
  }

  private static final Map<String, String> UNITS = Map.of(
      "puts_per_s_1_client", "puts/s",
      "puts_per_s_16_clients", "puts/s",
      "cas_per_s_16_clients", "txn/s",
      "range_10k_ms", "ms",
      "watch_latency_p50_ms", "ms",
      "watch_latency_p99_ms", "ms");

  private Map<String, double[]> measure(String plugin, Map<String, String> flags) throws Exception {
    KernelPlan plan = KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(flags));
    Map<String, double[]> out = new LinkedHashMap<>();
    try (Kernel kernel = Kernel.create(plan)) {
      kernel.start();
      Store store = kernel.injector().getInstance(Store.class);
      StoreWorkloads w = new StoreWorkloads(store, "/bench", 256);
      step(plugin, "sequential puts");
      out.put("puts_per_s_1_client", new double[] {w.puts("seq", settings.sequentialPuts(), 1)});
      step(plugin, "concurrent puts");
      out.put("puts_per_s_16_clients", new double[] {w.puts("conc", settings.puts(), 16)});
      step(plugin, "compare-and-swap on hot keys");
      out.put("cas_per_s_16_clients", new double[] {w.casUpdates(8, 16, settings.casUpdatesPerClient())});
      step(plugin, "range");
      out.put("range_10k_ms", new double[] {w.rangeMillis(settings.rangeKeys())});
      step(plugin, "watch latency");
      double[] latency = w.watchLatency(settings.watchers(), 4, settings.watchPuts(), settings.watchPutRate());
      out.put("watch_latency_p50_ms", new double[] {latency[0]});
      out.put("watch_latency_p99_ms", new double[] {latency[1]});
    }
    return out;
  }

  private void step(String plugin, String what) {
    progress.println("bench store: " + plugin + ": " + what + "...");
    progress.flush();
  }
}
