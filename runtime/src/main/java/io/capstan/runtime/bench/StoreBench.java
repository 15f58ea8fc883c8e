package io.capstan.runtime.bench;

import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.spi.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code capstan bench store}: one workload against each store plugin in the same run, and the
 * ratio of each figure to etcd's. Stores are built through the kernel from configuration, exactly
 * as {@code capstan up} builds them, so the bench measures what users run.
 *
 * <p>On a shared machine one disk sync can take 0.2 ms or 5 ms from one second to the next, so a
 * single pass says more about the neighbours than about the stores. The bench therefore opens every
 * store first, then runs {@code rounds} rounds in which each workload runs against every store
 * back to back (the order reversed every other round), and reports per figure the median over the
 * rounds and the median of the per-round ratios: each ratio compares two measurements taken
 * seconds apart, under about the same load. It also reports the load average and a lone thread's
 * sync latency, which say how busy the machine was.
 *
 * <p>Before the first round every store takes {@code warmUpPuts} puts from 16 clients, unmeasured,
 * as JMH runs warm-up iterations: the JVM compiles the write paths (client and store), and a fresh
 * {@code rocksdb} store moves past its first two write-ahead logs. Those are new files that grow
 * with every append, so each of their syncs also commits the file system's journal (about 60 µs
 * more per sync here); later logs are recycled and overwritten in place. That happens once in a
 * store's life, in its first ~32 MiB of writes, so the steady state is what users live with.
 */
final class StoreBench {

  /** What one run measures; defaults follow the workload. */
  record Settings(List<String> plugins, int warmUpPuts, int puts, int sequentialPuts, int casUpdatesPerClient,
      int rangeKeys, int watchers, int watchPuts, int watchPutRate, int rounds, Optional<String> etcdEndpoint) {}

  static final String ANCHOR = "etcd";
  static final int CLIENTS = 16;

  private final Settings settings;
  private final PrintWriter progress;

  StoreBench(Settings settings, PrintWriter progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** A store under measurement, with what must be closed after it. */
  private record Target(String plugin, Kernel kernel, Store store, Optional<LocalEtcd> etcd) implements AutoCloseable {
    @Override
    public void close() {
      try {
        kernel.close();
      } finally {
        etcd.ifPresent(LocalEtcd::close);
      }
    }
  }

  BenchReport run() throws Exception {
    BenchReport report = new BenchReport("store");
    Path scratch = Files.createTempDirectory("capstan-bench-disk");
    Optional<Double> loadBefore = StoreDiskProbe.loadAverage();
    List<Target> targets = new ArrayList<>();
    StoreFigures figures = new StoreFigures(ANCHOR);
    List<Double> syncs = new ArrayList<>();
    try {
      for (String plugin : settings.plugins()) {
        open(plugin, report).ifPresent(targets::add);
      }
      warmUp(targets);
      for (int round = 1; round <= settings.rounds(); round++) {
        List<Target> order = new ArrayList<>(targets);
        if (round % 2 == 0) {
          java.util.Collections.reverse(order);
        }
        measureRound(round, order, figures, () -> syncs.add(StoreDiskProbe.syncMillis(scratch, 200)));
      }
    } finally {
      for (Target t : targets) {
        t.close();
      }
      Files.deleteIfExists(scratch);
    }
    figures.addTo(report);
    report.add(Metric.of("disk.sync_4k_p50_ms", StoreFigures.median(syncs), "ms"));
    loadBefore.ifPresent(l -> report.add(Metric.of("machine.load_1m_at_start", l, "load")));
    StoreDiskProbe.loadAverage().ifPresent(l -> report.add(Metric.of("machine.load_1m_at_end", l, "load")));
    report.note(String.format(Locale.ROOT, "%d round(s); each figure is the median over the rounds, each ratio the"
        + " median of the per-round ratios", settings.rounds()));
    figures.roundRatios("puts_per_s_16_clients").forEach(report::note);
    report.note("disk.sync_4k_p50_ms: one thread's 4 KiB overwrite + fdatasync, just before each round's concurrent"
        + " puts; on a busy machine it includes the wait for a CPU after the sync, so it shows how loaded disk and"
        + " CPUs were, not a bound");
    return report;
  }

  private Optional<Target> open(String plugin, BenchReport report) throws Exception {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("store.plugin", plugin);
    // Only the store is wired: the kernel wires the store family for the apiserver component, but
    // no component modules are installed here, so no API server starts; no admission chain,
    // authentication, authorization or controllers either (they need an API client).
    flags.put("components", "apiserver");
    flags.put("apiserver.admission", "");
    flags.put("apiserver.authentication", "");
    flags.put("apiserver.authorization", "");
    flags.put("controllers.enabled", "");
    Path dir = Files.createTempDirectory("capstan-bench-" + plugin);
    if (plugin.equals("rocksdb")) {
      flags.put("store.rocksdb.dataDir", dir.toString());
    }
    Optional<LocalEtcd> etcd = Optional.empty();
    if (plugin.equals("etcd")) {
      if (settings.etcdEndpoint().isPresent()) {
        flags.put("store.etcd.endpoints", settings.etcdEndpoint().get());
      } else if (LocalEtcd.binary().isPresent()) {
        etcd = Optional.of(LocalEtcd.start(dir));
        flags.put("store.etcd.endpoints", etcd.get().endpoint());
      } else {
        report.note("etcd skipped: no etcd binary on PATH (apt-get install etcd-server) and no --etcd-endpoint");
        return Optional.empty();
      }
    }
    try {
      KernelPlan plan = KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(flags));
      Kernel kernel = Kernel.create(plan);
      try {
        kernel.start();
        return Optional.of(new Target(plugin, kernel, kernel.injector().getInstance(Store.class), etcd));
      } catch (RuntimeException e) {
        kernel.close();
        throw e;
      }
    } catch (RuntimeException e) {
      etcd.ifPresent(LocalEtcd::close);
      throw e;
    }
  }

  private void warmUp(List<Target> targets) throws Exception {
    if (settings.warmUpPuts() == 0) {
      return;
    }
    for (Target t : targets) {
      progress.println("bench store: warm-up: " + t.plugin() + ": " + settings.warmUpPuts() + " puts from "
          + CLIENTS + " clients, not measured...");
      progress.flush();
      workloads(t, "/bench/warmup").puts("conc", settings.warmUpPuts(), CLIENTS);
    }
  }

  private void measureRound(int round, List<Target> order, StoreFigures figures, Clients.Body probeDisk)
      throws Exception {
    String prefix = "/bench/r" + round;
    for (Target t : order) {
      step(round, t, "sequential puts");
      figures.add(t.plugin(), "puts_per_s_1_client", "puts/s",
          workloads(t, prefix).puts("seq", settings.sequentialPuts(), 1));
    }
    probeDisk.run();
    for (Target t : order) {
      step(round, t, "concurrent puts");
      figures.add(t.plugin(), "puts_per_s_16_clients", "puts/s",
          workloads(t, prefix).puts("conc", settings.puts(), CLIENTS));
    }
    for (Target t : order) {
      step(round, t, "compare-and-swap on hot keys");
      figures.add(t.plugin(), "cas_per_s_16_clients", "txn/s",
          workloads(t, prefix).casUpdates(8, CLIENTS, settings.casUpdatesPerClient()));
    }
    for (Target t : order) {
      step(round, t, "range");
      figures.add(t.plugin(), "range_10k_ms", "ms", workloads(t, prefix).rangeMillis(settings.rangeKeys()));
    }
    for (Target t : order) {
      step(round, t, "watch latency");
      double[] latency = workloads(t, prefix).watchLatency(settings.watchers(), 4, settings.watchPuts(),
          settings.watchPutRate());
      figures.add(t.plugin(), "watch_latency_p50_ms", "ms", latency[0]);
      figures.add(t.plugin(), "watch_latency_p99_ms", "ms", latency[1]);
    }
  }

  private static StoreWorkloads workloads(Target t, String prefix) {
    return new StoreWorkloads(t.store(), prefix, 256);
  }

  private void step(int round, Target t, String what) {
    // Each measurement starts on a collected heap, as JMH's -gc option does between iterations:
    // otherwise one store pays for the garbage the previous store's workload left (the in-memory
    // store's 16 clients allocate at 400,000 puts/s), and which store follows which alternates
    // between rounds.
    System.gc();
    progress.println("bench store: round " + round + "/" + settings.rounds() + ": " + t.plugin() + ": " + what
        + "...");
    progress.flush();
  }
}
