package io.capstan.tck.etcd;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, single-member etcd server for tests: started from the machine's {@code etcd} binary on
 * free ports of 127.0.0.1 (client, peer, metrics) with a data directory of its own, and gone
 * (process and files) after {@link #close()}. Plain HTTP by default; {@link #startTls} serves
 * clients over TLS with client certificates.
 *
 * <p>It listens on the loopback address only. Its output goes to {@link #logFile()}, whose last
 * lines are part of every failure message. The server is tuned for tests, with the differences from
 * etcd's defaults that a production cluster serving Capstan also needs marked:
 *
 * <ul>
 *   <li>{@code --max-request-bytes} {@value #MAX_REQUEST_BYTES} (production too): the Store SPI
 *       promises values of 1.5 MiB, and etcd's default limit of 1.5 MiB applies to the whole
 *       request, key and framing included.
 *   <li>{@code --heartbeat-interval 50 --election-timeout 500}: etcd's shortest lease is 15
 *       heartbeats rounded up to a second, so lease tests can use a 1 s TTL instead of 2 s.
 *   <li>{@code --experimental-watch-progress-notify-interval 1s}: progress notifications arrive
 *       within a test's patience instead of after etcd's default 10 minutes.
 * </ul>
 *
 * <p>{@link #kill()} and {@link #restart()} keep the data directory, so a test can crash the server
 * and bring it back with its data, on the same ports; {@link #freeze()} and {@link #thaw()} stop
 * and continue it, for requests that get no answer. Not thread-safe; one test class drives it.
 */
public final class EtcdProcess implements AutoCloseable {

  /** 2.5 MiB: room for a 1.5 MiB value plus key, metadata and gRPC framing. */
  public static final int MAX_REQUEST_BYTES = 2_621_440;

  private static final long HEALTHY_WITHIN_MILLIS = 30_000;
  private static final long STOP_WITHIN_MILLIS = 10_000;
  private static final int LOG_TAIL_LINES = 40;

  private final Path binary;
  private final Path dir;
  private final Path dataDir;
  private final Path logFile;
  private final int clientPort;
  private final int peerPort;
  private final int metricsPort;
  private final Optional<EtcdTls> tls;
  private final List<String> extraArgs;
  private volatile Process process;
  /** Kills etcd if the JVM exits (a test run stopped half-way) before {@link #close()} did. */
  private final Thread reaper = new Thread(this::killQuietly, "etcd-reaper");
  private boolean reaperRegistered;

  private EtcdProcess(Path binary, Path dir, int[] ports, Optional<EtcdTls> tls,
      List<String> extraArgs) {
    this.binary = binary;
    this.dir = dir;
    this.dataDir = dir.resolve("data");
    this.logFile = dir.resolve("etcd.log");
    this.clientPort = ports[0];
    this.peerPort = ports[1];
    this.metricsPort = ports[2];
    this.tls = tls;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** Starts etcd with the test settings above and waits until it answers {@code /health}. */
  public static EtcdProcess start() {
    return start(List.of());
  }

  /**
   * Starts etcd with additional flags (e.g. {@code --auto-compaction-retention=1}) and waits until
   * it is healthy.
   *
   * @throws IllegalStateException if there is no etcd binary here (see {@link EtcdAvailability}),
   *     or etcd did not become healthy; the message holds the end of its log
   */
  public static EtcdProcess start(List<String> extraArgs) {
    return start(Optional.empty(), extraArgs);
  }

  /**
   * Starts etcd serving clients over TLS only ({@code https://}), requiring a client certificate
   * signed by {@code tls.ca()}, and waits until it is healthy.
   */
  public static EtcdProcess startTls(EtcdTls tls) {
    return start(Optional.of(requireNonNull(tls, "tls")), List.of());
  }

  private static EtcdProcess start(Optional<EtcdTls> tls, List<String> extraArgs) {
    requireNonNull(extraArgs, "extraArgs");
    Path binary = EtcdAvailability.findBinary()
        .orElseThrow(() -> new IllegalStateException(EtcdAvailability.MISSING_MESSAGE));
    try {
      Path dir = Files.createTempDirectory("capstan-etcd-");
      EtcdProcess etcd = new EtcdProcess(binary, dir, freePorts(3), tls, extraArgs);
      try {
        etcd.launch();
        return etcd;
      } catch (RuntimeException e) {
        etcd.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a directory or ports for etcd", e);
    }
  }

  /**
   * The client URL, {@code http://127.0.0.1:<port>} ({@code https://} when started with TLS), as
   * the etcd store plugin's endpoint.
   */
  public URI endpoint() {
    return URI.create((tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + clientPort);
  }

  /** Plain-HTTP {@code /health} and {@code /metrics}, also when clients need TLS. */
  URI metricsEndpoint() {
    return URI.create("http://127.0.0.1:" + metricsPort);
  }

  /** The data directory, which survives {@link #kill()} and {@link #restart()}. */
  public Path dataDir() {
    return dataDir;
  }

  /** Where etcd's output goes. */
  public Path logFile() {
    return logFile;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the server at once ({@code SIGKILL}), as a crash would; the data stays. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      awaitExit(process);
      process = null;
    }
  }

  /**
   * Stops the server's process without ending it ({@code SIGSTOP}): connections stay open but
   * nothing answers, which is how a request that reached etcd and never came back looks.
   */
  public void freeze() {
    signal("STOP");
  }

  /** Lets a {@link #freeze() frozen} server run on ({@code SIGCONT}). */
  public void thaw() {
    signal("CONT");
  }

  private void signal(String name) {
    if (process == null) {
      throw new IllegalStateException("etcd is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
          .redirectErrorStream(true).start();
      if (!kill.waitFor(STOP_WITHIN_MILLIS, TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill -" + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling etcd", e);
    }
  }

  /** Kills the server if it runs and starts it again on the same ports with the same data. */
  public void restart() {
    kill();
    launch();
  }

  /**
   * Stops the server and deletes its data and log. Idempotent. SIGKILL, since the data goes anyway
   * and a {@link #freeze() frozen} process would not act on SIGTERM.
   */
  @Override
  public void close() {
    kill();
    if (reaperRegistered) {
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to; it finds nothing left to kill
      }
      reaperRegistered = false;
    }
    deleteTree(dir);
  }

  private void killQuietly() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  /** The last lines of etcd's log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(no etcd log at " + logFile + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return "etcd[" + endpoint() + ", " + dir + (isRunning() ? "" : ", stopped") + "]";
  }

  private void launch() {
    String peer = "http://127.0.0.1:" + peerPort;
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--name", "default",
        "--data-dir", dataDir.toString(), // etcd creates it with the 0700 mode it insists on
        "--listen-client-urls", endpoint().toString(),
        "--advertise-client-urls", endpoint().toString(),
        "--listen-peer-urls", peer,
        "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "default=" + peer,
        "--max-request-bytes", Integer.toString(MAX_REQUEST_BYTES),
        "--heartbeat-interval", "50",
        "--election-timeout", "500",
        "--experimental-watch-progress-notify-interval", "1s",
        "--listen-metrics-urls", metricsEndpoint().toString()));
    tls.ifPresent(t -> command.addAll(List.of(
        "--cert-file", t.serverCert().toString(),
        "--key-file", t.serverKey().toString(),
        "--trusted-ca-file", t.ca().toString(),
        "--client-cert-auth")));
    command.addAll(extraArgs);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Map<String, String> env = builder.environment();
    // etcd reads every ETCD_* variable as a flag; an inherited one would clash with ours
    env.keySet().removeIf(name -> name.startsWith("ETCD_"));
    unsupportedArch().ifPresent(arch -> env.put("ETCD_UNSUPPORTED_ARCH", arch));
    if (!reaperRegistered) {
      Runtime.getRuntime().addShutdownHook(reaper);
      reaperRegistered = true;
    }
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
    }
    EtcdHealth.awaitHealthy(this, process, HEALTHY_WITHIN_MILLIS);
  }

  /** etcd 3.4 refuses to start on architectures other than amd64 unless told it may. */
  private static Optional<String> unsupportedArch() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> Optional.empty();
      case "aarch64", "arm64" -> Optional.of("arm64");
      default -> Optional.of(arch);
    };
  }

  /** Ports the kernel hands out, held open together so the two differ, then released for etcd. */
  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  private static boolean waitFor(Process process, long millis) {
    try {
      return process.waitFor(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void awaitExit(Process process) {
    if (!waitFor(process, STOP_WITHIN_MILLIS)) {
      throw new IllegalStateException("etcd (pid " + process.pid() + ") did not exit after SIGKILL");
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete etcd's directory " + root, e);
    }
  }
}
