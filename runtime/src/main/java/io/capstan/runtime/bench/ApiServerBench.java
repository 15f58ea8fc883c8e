package io.capstan.runtime.bench;

import com.google.inject.Module;
import io.capstan.runtime.components.ComponentModules;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.spi.client.ApiClient;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code capstan bench apiserver}: an API server it starts itself, per store plugin, driven over
 * HTTP (the HTTP client: JSON over real sockets) and in-process in the same run; every HTTP figure
 * is compared with the in-process one. The server is wired as {@code capstan up} wires it (HTTPS,
 * authenticator and authorizer chains, admission); a second, plain server over the same store and
 * plugins (plain HTTP, no authentication or authorization) is the "http" run, and authenticated
 * HTTPS runs with a bearer token ({@code token-file}), a service-account token ({@code service-account})
 * and a client certificate ({@code x509})
 * report their creates and gets against it: the cost of TLS, authentication and authorization (a
 * bearer token over plain HTTP to a server with the same chains isolates the chains' cost); a
 * bare plain server without admission plugins gives the admission chain's cost. Every client is
 * warmed up first; {@link SecureRuns} measures the secure runs.
 */
final class ApiServerBench {

  private static final String USER = "capstan-bench";
  private static final String TOKEN = "capstan-bench-token";

  record Settings(List<String> stores, int creates, int gets, int listPods, int watchers, int watchCreates, int clients) {}

  private final Settings settings;
  private final PrintWriter progress;

  ApiServerBench(Settings settings, PrintWriter progress) {
    this.settings = settings;
    this.progress = progress;
  }

  BenchReport run() throws Exception {
    BenchReport report = new BenchReport("apiserver");
    for (String store : settings.stores()) {
      Path dir = Files.createTempDirectory("capstan-bench-apiserver-" + store);
      Map<String, String> flags = new LinkedHashMap<>();
      flags.put("store.plugin", store);
      flags.put("apiserver.port", "0");
      flags.put("runtime.dataDir", dir.toString());
      flags.put("components", "apiserver");
      if (store.equals("rocksdb")) {
        flags.put("store.rocksdb.dataDir", dir.resolve("store").toString());
      }
      flags.put("authentication.token-file.path", Files.writeString(dir.resolve("tokens.csv"), TOKEN + "," + USER + ",bench-uid\n")
          .toString());
      KernelPlan plan = KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(flags));
      try (Kernel kernel = Kernel.create(plan, ComponentModules.of(plan).toArray(new Module[0]));
          SecureClients secure = SecureClients.start(kernel, dir)) {
        kernel.start();
        secure.startPlainServers();
        ApiClient inProcess = kernel.injector().getInstance(ApiClient.class);
        ApiClient http = secure.plain();
        for (String ns : List.of("bench-in-process", "bench-http", "bench-list", "bench-http-plain", "bench-https-token", "bench-https-cert", "bench-http-bare", "bench-http-token", "bench-https-sa-token",
            "bench-warm-up")) {
          inProcess.resources(io.fabric8.kubernetes.api.model.Namespace.class)
              .create(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build());
          // the ServiceAccount admission plugin wants it; no serviceaccount controller runs here
          inProcess.resources(io.fabric8.kubernetes.api.model.ServiceAccount.class).create(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
              .withNewMetadata().withName("default").withNamespace(ns).endMetadata().build());
        }
        step(store, "loading " + settings.listPods() + " pods to list");
        new ApiWorkloads(inProcess, "bench-list").creates("list", settings.listPods(), settings.clients());
        secure.grantClusterAdmin(inProcess, USER);
        Map<String, ApiClient> peers = new LinkedHashMap<>();
        peers.put("http_bare", secure.bare());
        peers.put("http_plain", http);
        peers.put("http_token", secure.plainWithToken(TOKEN));
        peers.put("https_token", secure.withToken(TOKEN));
        peers.put("https_sa_token", secure.withServiceAccountToken(inProcess, "bench-https-sa-token", USER));
        peers.put("https_cert", secure.withCertificate(USER));
        warmUp(store, inProcess, peers);
        warmUpWatches(store, inProcess, http, secure.plainUrl());
        Map<String, Double> local = measure(store, "in-process", inProcess, "bench-in-process", Optional.empty());
        Map<String, Double> remote = measure(store, "http", http, "bench-http", Optional.of(secure.plainUrl()));
        local.forEach((name, value) -> report.add(Metric.of(store + ".in_process." + name, value, unit(name))));
        remote.forEach((name, value) -> report.add(local.containsKey(name)
            ? Metric.of(store + ".http." + name, value, unit(name)).comparedWith(store + ".in_process", local.get(name))
            : Metric.of(store + ".http." + name, value, unit(name))));
        SecureRuns.report(report, store, new SecureRuns(settings.creates(), settings.gets(), settings.clients(),
            what -> step(store, what)).measure(peers));
      }
    }
    report.note("targets on 2 cores over HTTP with rocksdb: >= 3,000 pod creates/s, >= 15,000 gets/s, watch p99 to 1,000 watchers < 100 ms");
    report.note("watch_fanout_*: from just before each create is sent to the arrival of the end of its ADDED event's line at each"
        + " watcher (HTTP: 1,000 watch streams on one Jetty HTTP client in this JVM, nothing decoded; in-process: the"
        + " handler's call); http.watch_fanout_decoded_*: to the handler of Capstan's HTTP client, each of the 1,000 watchers"
        + " decoding every pod on this machine's cores");
    report.note("*_cpu_*: CPU time of the whole bench process (clients and servers) per operation; on a shared machine it moves far"
        + " less than the rates, which follow the share of the cores the process gets");
    report.note("authenticated HTTPS (static token, service-account token, client certificate) vs plain HTTP: overhead target"
        + " < 20% per request; http_bare has no admission plugins: *.with_admission.* is the whole security + admission cost");
    return report;
  }

  /**
   * Runs creates and gets through every client before anything is measured, so the JIT has compiled
   * the request path (JMH's warm-up iterations, for the same reason); without it the first
   * transport measured pays for compilation and the comparison says more about order than cost.
   */
  private void warmUp(String store, ApiClient inProcess, Map<String, ApiClient> peers) throws Exception {
    int creates = Math.max(1, Math.min(settings.creates() / 4, 3_000));
    int gets = Math.max(1, Math.min(settings.gets() / 4, 15_000));
    Map<String, ApiClient> all = new LinkedHashMap<>();
    all.put("in-process", inProcess);
    all.putAll(peers);
    for (Map.Entry<String, ApiClient> entry : all.entrySet()) {
      step(store, "warm-up through " + entry.getKey());
      ApiWorkloads work = new ApiWorkloads(entry.getValue(), "bench-warm-up");
      String prefix = "warm-" + entry.getKey().replace('_', '-');
      work.creates(prefix, creates, settings.clients());
      work.gets(prefix, creates, gets, settings.clients());
    }
  }

  /**
   * One short fan-out of each kind to all the watchers, so the watch path (the server's streams,
   * both HTTP watchers) is compiled before it is measured: without it the first HTTP fan-out
   * measured paid for the JIT and came out slower than the second, whichever watcher it used.
   */
  private void warmUpWatches(String store, ApiClient inProcess, ApiClient http, java.net.URI plain) throws Exception {
    int events = Math.max(1, Math.min(settings.watchCreates(), 50));
    step(store, "warm-up of the watch fan-out");
    new ApiWorkloads(inProcess, "bench-warm-up").watchFanOut(settings.watchers(), events, 50);
    ApiWorkloads work = new ApiWorkloads(http, "bench-warm-up");
    work.wireWatchFanOut(plain, settings.watchers(), events, 50);
    work.watchFanOut(settings.watchers(), events, 50);
  }

  /**
   * Creates, gets, a list and the watch fan-out through {@code client}. The fan-out's
   * {@code watch_fanout_*} figures come from watchers that time an event when its bytes arrive
   * ({@link WireWatchers}, over HTTP at {@code wire}) or when the in-process client hands it over;
   * over HTTP, {@code watch_fanout_decoded_*} is the same through the HTTP client, every watcher
   * decoding every pod in this JVM.
   */
  private Map<String, Double> measure(String store, String transport, ApiClient client, String namespace,
      Optional<java.net.URI> wire) throws Exception {
    ApiWorkloads work = new ApiWorkloads(client, namespace);
    Map<String, Double> out = new LinkedHashMap<>();
    step(store, transport + ": creates");
    out.put("pod_creates_per_s", work.creates("pod", settings.creates(), settings.clients()));
    step(store, transport + ": gets");
    long[] getsCpu = new long[1];
    out.put("pod_gets_per_s", work.gets("pod", settings.creates(), settings.gets(), settings.clients(), getsCpu));
    out.put("pod_get_cpu_us", getsCpu[0] / 1e3 / settings.gets());
    step(store, transport + ": list");
    long listCpu = ApiWorkloads.processCpuNanos();
    out.put("list_pods_ms", new ApiWorkloads(client, "bench-list").listMillis(settings.listPods()));
    out.put("list_pods_cpu_ms", (ApiWorkloads.processCpuNanos() - listCpu) / 1e6 / 5); // listMillis lists 5 times
    if (wire.isEmpty()) {
      step(store, transport + ": watch fan-out to " + settings.watchers() + " watchers");
      double[] fanOut = work.watchFanOut(settings.watchers(), settings.watchCreates(), 50);
      out.put("watch_fanout_p50_ms", fanOut[0]);
      out.put("watch_fanout_p99_ms", fanOut[1]);
    } else {
      // Wire, decoded, decoded, wire: half the pods each time, so that whatever the machine does
      // meanwhile (GC after the list, store compaction, other processes) falls on both alike.
      int half = Math.max(1, settings.watchCreates() / 2);
      List<Latencies> wired = new java.util.ArrayList<>();
      List<Latencies> decoded = new java.util.ArrayList<>();
      long[] wiredCpu = new long[1];
      long[] decodedCpu = new long[1];
      for (int round = 0; round < 4; round++) {
        boolean onWire = round == 0 || round == 3;
        step(store, transport + ": watch fan-out to " + settings.watchers() + (onWire ? " watchers timed as the bytes arrive"
            : " watchers decoding every event through the HTTP client") + " (" + (round + 1) + " of 4)");
        if (onWire) {
          wired.addAll(work.wireWatchFanOut(wire.get(), settings.watchers(), half, 50, wiredCpu));
        } else {
          decoded.addAll(work.watchFanOutSamples(settings.watchers(), half, 50, decodedCpu));
        }
      }
      double[] fanOut = ApiWorkloads.percentiles(wired);
      out.put("watch_fanout_p50_ms", fanOut[0]);
      out.put("watch_fanout_p99_ms", fanOut[1]);
      double[] slow = ApiWorkloads.percentiles(decoded);
      out.put("watch_fanout_decoded_p50_ms", slow[0]);
      out.put("watch_fanout_decoded_p99_ms", slow[1]);
      // process CPU per event delivered to all the watchers: server fan-out plus the watchers' reading
      out.put("watch_fanout_cpu_ms_per_event", wiredCpu[0] / 1e6 / (2.0 * half));
      out.put("watch_fanout_decoded_cpu_ms_per_event", decodedCpu[0] / 1e6 / (2.0 * half));
    }
    return out;
  }

  private static String unit(String name) {
    return name.endsWith("_us") ? "us" : name.endsWith("_ms") || name.endsWith("_ms_per_event") ? "ms"
        : name.contains("creates") ? "creates/s" : "gets/s";
  }

  private void step(String store, String what) {
    progress.println("bench apiserver: " + store + ": " + what + "...");
    progress.flush();
  }
}
