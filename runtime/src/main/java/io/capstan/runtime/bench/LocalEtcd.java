package io.capstan.runtime.bench;

import io.capstan.runtime.CapstanException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A throw-away single-member etcd on 127.0.0.1 with its own data folder, for the benchmark: the
 * peer Capstan's stores are compared with in the same run.
 */
final class LocalEtcd implements AutoCloseable {

  private final Process process;
  private final String endpoint;

  private LocalEtcd(Process process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** The etcd binary on PATH, if any. */
  static Optional<Path> binary() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(":"))
        .map(dir -> Path.of(dir, "etcd"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  static LocalEtcd start(Path dataDir) throws IOException, InterruptedException {
    Path etcd = binary().orElseThrow(() -> new CapstanException("etcd not found on PATH; install it with apt-get install etcd-server"));
    int client = freePort();
    int peer = freePort();
    String clientUrl = "http://127.0.0.1:" + client;
    String peerUrl = "http://127.0.0.1:" + peer;
    ProcessBuilder builder = new ProcessBuilder(List.of(etcd.toString(),
        "--name", "bench", "--data-dir", dataDir.resolve("etcd").toString(),
        "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
        "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
        "--initial-cluster", "bench=" + peerUrl, "--max-request-bytes", String.valueOf(3 * 1024 * 1024)))
        .redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("etcd.log").toFile());
    builder.environment().put("ETCD_UNSUPPORTED_ARCH", System.getProperty("os.arch").equals("amd64") ? "" : System.getProperty("os.arch"));
    Process process = builder.start();
    LocalEtcd local = new LocalEtcd(process, clientUrl);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new CapstanException("etcd exited at start; see " + dataDir.resolve("etcd.log"));
      }
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(clientUrl + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("true")) {
          return local;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    local.close();
    throw new CapstanException("etcd did not become healthy within 30 s; see " + dataDir.resolve("etcd.log"));
  }

  String endpoint() {
    return endpoint;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
