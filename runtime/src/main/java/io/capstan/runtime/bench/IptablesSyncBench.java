package io.capstan.runtime.bench;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.ServiceProxy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The {@code iptables} part of {@code capstan bench proxy}: the time of one {@code sync} of the
 * iptables proxy mode for 1,000 and 10,000 ClusterIP Services with 10 ready endpoints each — a
 * full sync (a fresh proxy: render everything, write the rules file) and an incremental one (one
 * Service's endpoints changed) — in dry-run mode always (render and write the rules file), and
 * applied with the real {@code iptables-legacy-restore} and {@code iptables-nft-restore} (both sizes;
 * legacy at 10,000 also in kube-proxy's chain-per-endpoint layout) in a network namespace the bench
 * creates and deletes when it runs as root: then also the
 * periodic full resync after partial applies and a restarted proxy's first sync over existing rules
 * ({@link #applied}). The plugin is loaded by name, like the kernel loads it.
 */
final class IptablesSyncBench {

  static final List<Integer> SIZES = List.of(1_000, 10_000);
  static final int ENDPOINTS = 10;

  private final Function<Map<String, Object>, ServiceProxy> plugin;
  private final PrintWriter progress;

  /** @param plugin builds the iptables plugin from its settings */
  IptablesSyncBench(Function<Map<String, Object>, ServiceProxy> plugin, PrintWriter progress) {
    this.plugin = requireNonNull(plugin, "plugin");
    this.progress = requireNonNull(progress, "progress");
  }

  /** One applied measurement: the iptables backend, the Service count and the endpoint chain layout. */
  private record ApplyPass(String backend, int services, String endpointChains) {
    static final List<ApplyPass> ALL = List.of(new ApplyPass("legacy", 1_000, "needed"),
        new ApplyPass("legacy", 10_000, "needed"), new ApplyPass("legacy", 10_000, "all"),
        new ApplyPass("nft", 1_000, "needed"), new ApplyPass("nft", 10_000, "needed"));
  }

  /** {@code services} ClusterIP Services {@code ns-i/svc-i:http}, each with 10 ready endpoints. */
  static ProxyState state(int services, int changed) {
    Map<ServicePortName, ServiceInfo> infos = new HashMap<>();
    Map<ServicePortName, List<EndpointInfo>> endpoints = new HashMap<>();
    for (int i = 0; i < services; i++) {
      ServicePortName name = new ServicePortName("ns-" + (i % 100), "svc-" + i, "http");
      infos.put(name, ServiceInfo.clusterIp(name, "10.96." + (i >> 8 & 255) + "." + (i & 255), 80));
      List<EndpointInfo> list = new ArrayList<>(ENDPOINTS);
      int generation = i < changed ? 1 : 0;
      for (int e = 0; e < ENDPOINTS; e++) {
        int pod = i * ENDPOINTS + e + generation * 7;
        list.add(EndpointInfo.ready("10." + (128 + (pod >> 16 & 63)) + "." + (pod >> 8 & 255) + "." + (pod & 255), 8080,
            "node-" + (pod % 50)));
      }
      endpoints.put(name, list);
    }
    return new ProxyState(infos, endpoints, "node-0");
  }

  void run(BenchReport report) throws Exception {
    Path dir = Files.createTempDirectory("capstan-bench-iptables");
    // warm-up: JIT the renderer on the small size, not measured
    time(Map.of("apply", "never", "rulesFile", dir.resolve("warm.rules").toString()), state(1_000, 0), state(1_000, 1));
    for (int n : SIZES) {
      progress.println("bench proxy: iptables dry-run sync, " + n + " services x " + ENDPOINTS + " endpoints");
      progress.flush();
      double[] t = best(3, Map.of("apply", "never", "rulesFile", dir.resolve("rules-" + n).toString()),
          state(n, 0), state(n, 1));
      long bytes = Files.size(dir.resolve("rules-" + n));
      progress.printf("bench proxy:   full %.0f ms, partial %.0f ms, %d bytes%n", t[0], t[1], bytes);
      report.add(Metric.of("iptables.fullSync.services" + n, t[0], "ms").comparedWith("target 2,000 ms", 2_000));
      report.add(Metric.of("iptables.partialSync.services" + n, t[1], "ms").comparedWith("fullSync", t[0]));
      report.add(Metric.of("iptables.rulesBytes.services" + n, bytes, "bytes"));
    }
    if (canUseNetns()) {
      String ns = "capstan-bench-" + ProcessHandle.current().pid();
      exec("ip", "netns", "add", ns);
      try {
        // both backends at both sizes; the legacy one also with kube-proxy's chain per endpoint
        // (endpointChains: all), the anchor (not with nf_tables: that layout took minutes at 10,000)
        java.util.Set<String> missing = new java.util.HashSet<>();
        for (ApplyPass pass : ApplyPass.ALL) {
          String backend = pass.backend();
          String restore = "iptables-" + backend + "-restore";
          if (!installed(restore)) {
            if (missing.add(restore)) {
              report.note("iptables apply with " + restore + " not measured: not installed");
            }
            continue;
          }
          int n = pass.services();
          String layout = pass.endpointChains();
          progress.println("bench proxy: " + restore + " in netns " + ns + ", " + n + " services, endpointChains " + layout);
          progress.flush();
          exec("ip", "netns", "exec", ns, "iptables-" + backend, "-t", "nat", "-F");
          exec("ip", "netns", "exec", ns, "iptables-" + backend, "-t", "nat", "-X");
          Map<String, Object> settings = Map.of("apply", "always", "rulesFile", dir.resolve("applied-" + n).toString(),
              "restoreCommand", "ip netns exec " + ns + " " + restore,
              "iptablesCommand", "ip netns exec " + ns + " iptables-" + backend, "endpointChains", layout);
          double[] t = applied(settings, state(n, 0), state(n, 1));
          progress.printf("bench proxy:   full %.0f ms, partial %.0f ms, resync %.0f ms, restart %.0f ms%n", t[0], t[1],
              t[2], t[3]);
          String key = "iptables." + backend + (layout.equals("all") ? ".chainPerEndpoint." : ".");
          report.add(Metric.of(key + "appliedFullSync.services" + n, t[0], "ms").comparedWith("target 2,000 ms", 2_000));
          report.add(Metric.of(key + "appliedPartialSync.services" + n, t[1], "ms").comparedWith("appliedFullSync", t[0]));
          report.add(Metric.of(key + "appliedResync.services" + n, t[2], "ms").comparedWith("target 2,000 ms", 2_000));
          report.add(Metric.of(key + "appliedRestartSync.services" + n, t[3], "ms").comparedWith("target 2,000 ms", 2_000));
        }
      } finally {
        exec("ip", "netns", "delete", ns);
      }
    } else {
      report.note("iptables apply not measured: needs root and `ip netns` (only the dry-run render + write was timed)");
    }
    report.note("iptables: ClusterIP services x " + ENDPOINTS + " ready endpoints; fullSync = first sync of a fresh proxy "
        + "(render all + write file), partialSync = next sync after one service's endpoints changed; best of runs. "
        + "applied*: appliedFullSync = first sync into empty tables (every chain created), appliedResync = the periodic "
        + "full resync after partial applies (every chain rewritten over existing ones), appliedRestartSync = a new proxy "
        + "over existing rules (tables listed with iptables-save, then every chain rewritten). The proxy is node-0 of 50 "
        + "nodes, so 1 endpoint in 50 is local; past 1,000 endpoints only local endpoints get a KUBE-SEP chain, the "
        + "others are DNATed from KUBE-SVC (endpointChains: needed); chainPerEndpoint = kube-proxy's layout, a KUBE-SEP "
        + "chain per endpoint (endpointChains: all), measured in the same run. "
        + "kube-proxy anchors: 'lots of reports of people whose iptables runs were 4-5 seconds each' (Tim Hockin, "
        + "kubernetes/kubernetes#92836, on the old 10 s minSyncPeriod); the Kubernetes docs treat "
        + "sync_proxy_rules_duration_seconds averaging well above 1 s as a very large cluster needing a larger "
        + "minSyncPeriod; KEP-3453 (partial syncs) exists because full restores took seconds at tens of thousands of "
        + "endpoints; the KubeCon 2017 figure for per-rule updates is 5 h for 20,000 services / 160,000 rules");
    deleteAll(dir);
  }

  /**
   * Applied syncs in ms: a fresh proxy's first sync into empty tables (every chain created), the next
   * sync after one Service changed (partial), the periodic full resync that follows partial applies
   * (every chain rewritten, the kernel already holding them), and a new proxy instance's first sync
   * over those rules (a restart: the kernel's tables listed, then every chain rewritten).
   */
  private double[] applied(Map<String, Object> settings, ProxyState first, ProxyState second) throws Exception {
    ServiceProxy proxy = plugin.apply(settings);
    ServiceProxy restarted = plugin.apply(settings);
    try {
      proxy.start();
      double[] syncs = timedSyncs(proxy, first, second, second);
      restarted.start();
      return new double[] {syncs[0], syncs[1], syncs[2], timedSyncs(restarted, first)[0]};
    } finally {
      restarted.close();
      proxy.close();
    }
  }

  /** Syncs {@code proxy} to each state in turn; the time each took, in ms. */
  private static double[] timedSyncs(ServiceProxy proxy, ProxyState... states) throws Exception {
    double[] ms = new double[states.length];
    for (int i = 0; i < states.length; i++) {
      long began = System.nanoTime();
      proxy.sync(states[i]);
      ms[i] = (System.nanoTime() - began) / 1e6;
    }
    return ms;
  }

  /** The best (least) full and incremental sync times in ms over {@code runs} fresh proxies. */
  private double[] best(int runs, Map<String, Object> settings, ProxyState first, ProxyState second) throws Exception {
    double full = Double.MAX_VALUE;
    double partial = Double.MAX_VALUE;
    for (int r = 0; r < runs; r++) {
      double[] t = time(settings, first, second);
      full = Math.min(full, t[0]);
      partial = Math.min(partial, t[1]);
    }
    return new double[] {full, partial};
  }

  private double[] time(Map<String, Object> settings, ProxyState first, ProxyState second) throws Exception {
    ServiceProxy proxy = plugin.apply(settings);
    try {
      proxy.start();
      return timedSyncs(proxy, first, second);
    } finally {
      proxy.close();
    }
  }

  private static boolean canUseNetns() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return false;
    }
    try {
      return exec("ip", "netns", "list") == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean installed(String command) {
    try {
      return exec(command, "--version") == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static int exec(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void deleteAll(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(files.toList());
      Collections.reverse(all);
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }
}
