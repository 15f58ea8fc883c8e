package io.capstan.runtime.bench;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.sun.net.httpserver.HttpServer;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.ingress.IngressBackend;
import io.capstan.spi.ingress.IngressController;
import io.capstan.spi.ingress.IngressControllerFactory;
import io.capstan.spi.ingress.IngressPath;
import io.capstan.spi.ingress.IngressRule;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.ingress.PathType;
import io.capstan.spi.plugin.PluginConfigMapper;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.ServiceProxy;
import io.capstan.spi.proxy.ServiceProxyFactory;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code capstan bench proxy}: one HTTP backend, measured directly, through the {@code userspace}
 * proxy and through the {@code builtin} ingress in one run, with the same keep-alive clients;
 * requests/s and p99 of each, the proxied figures compared with direct; then the {@code iptables}
 * mode's sync time at 1,000 and 10,000 Services ({@link IptablesSyncBench}). The plugins are found
 * by ServiceLoader, as the kernel finds them.
 */
final class ProxyBench {

  /**
   * @param http measure requests through the userspace proxy and the builtin ingress
   * @param iptables measure the iptables mode's sync time ({@link IptablesSyncBench})
   */
  record Settings(int requests, int clients, boolean http, boolean iptables) {
    Settings(int requests, int clients) {
      this(requests, clients, true, true);
    }
  }

  private static final ServicePortName WEB = new ServicePortName("default", "web", "http");

  private final Settings settings;
  private final PrintWriter progress;

  ProxyBench(Settings settings, PrintWriter progress) {
    this.settings = requireNonNull(settings, "settings");
    this.progress = requireNonNull(progress, "progress");
  }

  BenchReport run() throws Exception {
    BenchReport report = new BenchReport("proxy");
    if (settings.http()) {
      http(report);
    }
    if (settings.iptables()) {
      new IptablesSyncBench(s -> plugin(ServiceProxyFactory.class, "iptables", s).getInstance(ServiceProxy.class), progress)
          .run(report);
    }
    return report;
  }

  private void http(BenchReport report) throws Exception {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed
    // ACK: every request waited ~40 ms, so direct and proxied runs measured that stall, not the proxy.
    // Read once, when the server's configuration class loads: set it before the first server.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    ExecutorService backendThreads = Executors.newFixedThreadPool(8);
    byte[] body = "hello from the backend\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    backend.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    backend.setExecutor(backendThreads);
    backend.start();
    Path dir = Files.createTempDirectory("capstan-bench-proxy");
    EndpointInfo endpoint = EndpointInfo.ready("127.0.0.1", backend.getAddress().getPort(), "");
    ServiceProxy proxy = plugin(ServiceProxyFactory.class, "userspace", Map.of("portsFile", dir.resolve("ports").toString()))
        .getInstance(ServiceProxy.class);
    int ingressPort = freePort();
    IngressController ingress = plugin(IngressControllerFactory.class, "builtin", Map.of("httpPort", ingressPort, "httpsPort", 0))
        .getInstance(IngressController.class);
    try {
      proxy.start();
      proxy.sync(new ProxyState(Map.of(WEB, ServiceInfo.clusterIp(WEB, "10.96.0.10", 80)), Map.of(WEB, List.of(endpoint)), ""));
      int proxyPort = Files.readAllLines(dir.resolve("ports")).stream().filter(l -> l.startsWith(WEB.toString()))
          .map(l -> Integer.parseInt(l.split("\t")[2].replaceAll(".*:", ""))).findFirst().orElseThrow();
      ingress.start();
      ingress.sync(new IngressState(List.of(new IngressRule("", List.of(new IngressPath("/", PathType.PREFIX,
          new IngressBackend("default", "web", "http", List.of(endpoint)))), "default", "web")), List.of(), Optional.empty()));

      Result direct = measure("direct", URI.create("http://127.0.0.1:" + backend.getAddress().getPort() + "/"));
      Result userspace = measure("userspace proxy", URI.create("http://127.0.0.1:" + proxyPort + "/"));
      Result builtin = measure("builtin ingress", URI.create("http://127.0.0.1:" + ingressPort + "/"));
      report.add(Metric.of("direct.requestsPerSecond", direct.perSecond(), "req/s"));
      report.add(Metric.of("direct.p99", direct.p99Millis(), "ms"));
      report.add(Metric.of("userspace.requestsPerSecond", userspace.perSecond(), "req/s")
          .comparedWith("direct", direct.perSecond()));
      report.add(Metric.of("userspace.p99", userspace.p99Millis(), "ms").comparedWith("direct", direct.p99Millis()));
      report.add(Metric.of("builtinIngress.requestsPerSecond", builtin.perSecond(), "req/s")
          .comparedWith("direct", direct.perSecond()));
      report.add(Metric.of("builtinIngress.p99", builtin.p99Millis(), "ms").comparedWith("direct", direct.p99Millis()));
      report.note(settings.clients() + " keep-alive clients, " + settings.requests() + " GETs per target after a warm-up;"
          + " backend: JDK HttpServer with 8 threads; target: proxied >= 70% of direct requests/s");
    } finally {
      ingress.close();
      proxy.close();
      backend.stop(0);
      backendThreads.shutdownNow();
    }
  }

  private record Result(double perSecond, double p99Millis) {}

  private Result measure(String name, URI uri) throws Exception {
    progress.println("bench proxy: " + name + " (" + uri + ")");
    progress.flush();
    run(uri, Math.max(settings.clients() * 50, settings.requests() / 10)); // warm-up: JIT, connections
    return run(uri, settings.requests());
  }

  private Result run(URI uri, int requests) throws Exception {
    int clients = settings.clients();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Latencies> latencies = new ArrayList<>();
      List<Future<?>> done = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        int share = requests / clients + (c < requests % clients ? 1 : 0);
        Latencies mine = new Latencies(share);
        latencies.add(mine);
        done.add(pool.submit(() -> {
          HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
          HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
          for (int i = 0; i < share; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
              throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            mine.record(System.nanoTime() - t0);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(requests / seconds, Latencies.percentileMillis(latencies, 99));
    } finally {
      pool.shutdownNow();
    }
  }

  private static <F extends PluginFactory<?>> Injector plugin(Class<F> type, String name, Map<String, Object> settings) {
    F factory = ServiceLoader.load(type).stream().map(ServiceLoader.Provider::get).filter(f -> f.name().equals(name))
        .findFirst().orElseThrow(() -> new IllegalStateException("the " + name + " plugin (" + type.getSimpleName()
            + ") is not installed; run the bench from the distribution"));
    return Guice.createInjector(Stage.PRODUCTION, new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(new WallClock());
      }
    }, moduleOf((PluginFactory<?>) factory, settings));
  }

  private static com.google.inject.Module moduleOf(PluginFactory<?> factory, Map<String, Object> settings) {
    return bound(factory, settings);
  }

  private static <C> com.google.inject.Module bound(PluginFactory<C> factory, Map<String, Object> settings) {
    C config = PluginConfigMapper.create().convertValue(settings, factory.configType());
    return factory.module(config);
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
