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
        Map<String, Double> local = measure(store, "in-process", inProcess, "bench-in-process");
        Map<String, Double> remote = measure(store, "http", http, "bench-http");
        local.forEach((name, value) -> report.add(Metric.of(store + ".in_process." + name, value, unit(name))));
        remote.forEach((name, value) -> report.add(Metric.of(store + ".http." + name, value, unit(name))
            .comparedWith(store + ".in_process", local.get(name))));
        SecureRuns.report(report, store, new SecureRuns(settings.creates(), settings.gets(), settings.clients(),
            what -> step(store, what)).measure(peers));
      }
    }
    report.note("targets on 2 cores over HTTP with rocksdb: >= 3,000 pod creates/s, >= 15,000 gets/s, watch p99 to 1,000 watchers < 100 ms");
    report.note("authenticated HTTPS (static token, service-account token, client certificate) vs plain HTTP: overhead target"
        + " < 20% per request; http_bare has no admission plugins: *.with_admission.* is the whole security + admission cost;"
        + " *_cpu_us is process CPU per request (client and server share this JVM), steadier than rates on a loaded machine");
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

  private Map<String, Double> measure(String store, String transport, ApiClient client, String namespace) throws Exception {
    ApiWorkloads work = new ApiWorkloads(client, namespace);
    Map<String, Double> out = new LinkedHashMap<>();
    step(store, transport + ": creates");
    out.put("pod_creates_per_s", work.creates("pod", settings.creates(), settings.clients()));
    step(store, transport + ": gets");
    out.put("pod_gets_per_s", work.gets("pod", settings.creates(), settings.gets(), settings.clients()));
    step(store, transport + ": list");
    out.put("list_pods_ms", new ApiWorkloads(client, "bench-list").listMillis(settings.listPods()));
    step(store, transport + ": watch fan-out to " + settings.watchers() + " watchers");
    double[] fanOut = work.watchFanOut(settings.watchers(), settings.watchCreates(), 50);
    out.put("watch_fanout_p50_ms", fanOut[0]);
    out.put("watch_fanout_p99_ms", fanOut[1]);
    return out;
  }

  private static String unit(String name) {
    return name.endsWith("_ms") ? "ms" : name.contains("creates") ? "creates/s" : "gets/s";
  }

  private void step(String store, String what) {
    progress.println("bench apiserver: " + store + ": " + what + "...");
    progress.flush();
  }
}
