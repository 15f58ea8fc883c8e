package io.capstan.runtime.node;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code httpGet} and {@code tcpSocket} probes the node agent runs itself when its runtime does
 * not ({@code ContainerRuntime.probe} answers empty), against the pod IP as the kubelet's prober
 * does: HTTP 200..399 succeeds, a TCP connect succeeds; both bounded by {@code timeoutSeconds}.
 * Asynchronous: no thread waits on a socket. {@code exec} needs the runtime (CRI's ExecSync), and
 * gRPC is not implemented, so those give no result: as in the kubelet, a probe that errors keeps
 * the container's previous result (not ready before the first success; alive).
 */
final class AgentProbes {

  private final TaskExecutor executor;
  private volatile HttpClient http;

  AgentProbes(TaskExecutor executor) {
    this.executor = requireNonNull(executor, "executor");
  }

  /** True when this class can run the probe's handler. */
  static boolean runsHandler(Probe probe) {
    return probe.getHttpGet() != null || probe.getTcpSocket() != null;
  }

  /**
   * Runs one check of an {@code httpGet} or {@code tcpSocket} probe.
   *
   * @param podIp the address used when the probe names no host
   * @return true on success, false on failure or timeout; empty for a handler this class does not run
   */
  CompletableFuture<Optional<Boolean>> check(Probe probe, Container container, String podIp) {
    Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null || probe.getTimeoutSeconds() < 1
        ? 1 : probe.getTimeoutSeconds());
    CompletableFuture<Boolean> check;
    try {
      if (probe.getTcpSocket() != null) {
        check = connect(host(probe.getTcpSocket().getHost(), podIp), port(probe.getTcpSocket().getPort(), container));
      } else if (probe.getHttpGet() != null) {
        check = get(probe, container, podIp, timeout);
      } else {
        return CompletableFuture.completedFuture(Optional.empty());
      }
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.completedFuture(Optional.of(false));
    }
    return check.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((ok, error) -> Optional.of(error == null && Boolean.TRUE.equals(ok)));
  }

  private CompletableFuture<Boolean> get(Probe probe, Container container, String podIp, Duration timeout) {
    var get = probe.getHttpGet();
    String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase(Locale.ROOT);
    String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
    URI uri = URI.create(scheme + "://" + hostPart(host(get.getHost(), podIp)) + ":" + port(get.getPort(), container)
        + (path.startsWith("/") ? path : "/" + path));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET().header("User-Agent", "kube-probe/1.32");
    if (get.getHttpHeaders() != null) {
      get.getHttpHeaders().forEach(h -> request.header(h.getName(), h.getValue()));
    }
    return http().sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .thenApply(r -> r.statusCode() >= 200 && r.statusCode() < 400);
  }

  /** One client for every agent of the host, made on the first httpGet probe (it owns a selector thread). */
  private HttpClient http() {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        if (http == null) {
          http = HttpClient.newBuilder().executor(executor::execute).connectTimeout(Duration.ofSeconds(10))
              .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        client = http;
      }
    }
    return client;
  }

  private static String host(String host, String podIp) {
    if (host != null && !host.isEmpty()) {
      return host;
    }
    if (podIp == null || podIp.isEmpty()) {
      throw new IllegalStateException("the pod has no IP to probe");
    }
    return podIp;
  }

  private static String hostPart(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** A number, or the name of one of the container's ports, as the kubelet resolves it. */
  static int port(IntOrString port, Container container) {
    if (port == null) {
      throw new IllegalArgumentException("the probe names no port");
    }
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    String name = port.getStrVal();
    if (container.getPorts() != null) {
      for (ContainerPort p : container.getPorts()) {
        if (name.equals(p.getName()) && p.getContainerPort() != null) {
          return p.getContainerPort();
        }
      }
    }
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the probe's port '" + name + "' is not a port of container " + container.getName());
    }
  }

  private static CompletableFuture<Boolean> connect(String host, int port) throws IOException {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    AsynchronousSocketChannel channel = AsynchronousSocketChannel.open();
    result.whenComplete((ok, e) -> {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the check is over either way
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
