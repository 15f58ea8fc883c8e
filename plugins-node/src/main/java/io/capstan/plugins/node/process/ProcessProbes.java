package io.capstan.plugins.node.process;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.node.ProbeKind;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs a container's probes for the node agent without blocking it: each call starts a check when
 * none is in flight and answers from the last completed one (before the first completes: liveness
 * succeeds, readiness and startup fail, as a kubelet assumes). {@code exec} runs the command as a
 * process with the container's environment and working directory (exit 0 succeeds); {@code
 * tcpSocket} connects; {@code httpGet} expects a status in 200..399. Each check is bounded by
 * {@code timeoutSeconds}. Named ports are not known to this runtime and fail the check.
 */
final class ProcessProbes {

  private final TaskExecutor executor;
  private final String hostAddress;
  private volatile HttpClient http;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  /** Exec probe processes running now, by container id: killed when it goes or the runtime closes. */
  private final Map<Process, String> execs = new ConcurrentHashMap<>();

  private static final class Slot {
    final AtomicBoolean running = new AtomicBoolean();
    volatile Boolean last;
  }

  ProcessProbes(TaskExecutor executor, String hostAddress) {
    this.executor = requireNonNull(executor, "executor");
    this.hostAddress = requireNonNull(hostAddress, "hostAddress");
  }

  /**
   * The probe's latest result; starts the next check. {@code exec} builds a process of the
   * container with the given command.
   */
  Optional<Boolean> probe(String containerId, ProbeKind kind, Probe probe,
      Function<List<String>, ProcessBuilder> exec) {
    Slot slot = slots.computeIfAbsent(containerId + "/" + kind, k -> new Slot());
    Boolean last = slot.last; // read first: the answer never depends on the check this call starts
    if (slot.running.compareAndSet(false, true)) {
      Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null || probe.getTimeoutSeconds() < 1
          ? 1 : probe.getTimeoutSeconds());
      check(containerId, probe, timeout, exec).orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .whenComplete((ok, error) -> {
            slot.last = error == null && Boolean.TRUE.equals(ok);
            slot.running.set(false);
          });
    }
    return Optional.of(last != null ? last : kind == ProbeKind.LIVENESS);
  }

  /** Forgets a removed container's results and kills its exec probes still running. */
  void forget(String containerId) {
    slots.keySet().removeIf(k -> k.startsWith(containerId + "/"));
    execs.forEach((process, id) -> {
      if (id.equals(containerId)) {
        Signals.kill(process);
      }
    });
  }

  /** Kills every exec probe still running (the runtime closes). */
  void close() {
    execs.keySet().forEach(Signals::kill);
  }

  private CompletableFuture<Boolean> check(String containerId, Probe probe, Duration timeout, Function<List<String>, ProcessBuilder> exec) {
    try {
      if (probe.getExec() != null) {
        Process process = exec.apply(probe.getExec().getCommand())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        execs.put(process, containerId);
        var kill = executor.schedule(timeout, () -> Signals.kill(process));
        return process.onExit().thenApply(p -> {
          kill.cancel();
          execs.remove(process);
          return p.exitValue() == 0;
        });
      }
      if (probe.getTcpSocket() != null) {
        return connect(host(probe.getTcpSocket().getHost()), port(probe.getTcpSocket().getPort()));
      }
      if (probe.getHttpGet() != null) {
        var get = probe.getHttpGet();
        String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase(java.util.Locale.ROOT);
        String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
        URI uri = URI.create(scheme + "://" + host(get.getHost()) + ":" + port(get.getPort())
            + (path.startsWith("/") ? path : "/" + path));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
            .header("User-Agent", "kube-probe/1.32");
        if (get.getHttpHeaders() != null) {
          get.getHttpHeaders().forEach(h -> request.header(h.getName(), h.getValue()));
        }
        return http().sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
            .thenApply(r -> r.statusCode() >= 200 && r.statusCode() < 400);
      }
      return CompletableFuture.completedFuture(true); // grpc and unknown handlers: not checked here
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.completedFuture(false);
    }
  }

  /** Created on the first httpGet probe: a JDK HttpClient owns a selector thread. */
  private HttpClient http() {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        if (http == null) {
          http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
        }
        client = http;
      }
    }
    return client;
  }

  private String host(String host) {
    return host == null || host.isEmpty() ? hostAddress : host;
  }

  private static int port(IntOrString port) {
    if (port == null || port.getIntVal() == null) {
      throw new IllegalArgumentException("named probe ports are not supported by the process runtime");
    }
    return port.getIntVal();
  }

  private static CompletableFuture<Boolean> connect(String host, int port) throws IOException {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    AsynchronousSocketChannel channel = AsynchronousSocketChannel.open();
    result.whenComplete((ok, e) -> {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing to do: the check is over
      }
    });
    channel.connect(new InetSocketAddress(host, port), null, new CompletionHandler<Void, Void>() {
      @Override
      public void completed(Void v, Void attachment) {
        result.complete(true);
      }

      @Override
      public void failed(Throwable e, Void attachment) {
        result.complete(false);
      }
    });
    return result;
  }
}
