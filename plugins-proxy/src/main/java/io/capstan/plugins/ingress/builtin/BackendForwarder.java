package io.capstan.plugins.ingress.builtin;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.ingress.IngressBackend;
import io.capstan.spi.proxy.EndpointInfo;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards one request to an endpoint of a backend with Jetty's {@link HttpClient}, which runs on
 * the ingress server's own thread pool, scheduler and buffer pool: no thread per request or per
 * completion (the JDK client completed every exchange on a new thread where the common pool has
 * fewer than two threads, as on two cores). Endpoints are taken round-robin per backend; a refused
 * or timed-out connect tries the next one, every endpoint refusing answers 502. A backend that fails
 * before it answers (typically a kept-alive connection it closed just as the request went out) gets
 * an idempotent request once more, like nginx's {@code proxy_next_upstream error}; otherwise, and
 * on the request timeout, 502. The response is streamed back as it arrives.
 */
final class BackendForwarder extends ContainerLifeCycle {

  private static final Logger LOG = LoggerFactory.getLogger(BackendForwarder.class);
  /** Hop-by-hop headers, and those the client sets itself from the forwarded body. */
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "expect",
      "http2-settings", "x-forwarded-host", "x-forwarded-for", "x-forwarded-proto");
  private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

  private final HttpClient client = new HttpClient();
  private final long requestTimeoutMillis;
  private final Map<String, AtomicInteger> nextEndpoint = new ConcurrentHashMap<>();

  /** Endpoints that refused this request's connects, and whether it was sent once more already. */
  private static final class Attempts {
    final Set<EndpointInfo> refused = new HashSet<>(2);
    boolean resent;
  }

  /**
   * @param maxConnections the most connections to one endpoint (more requests queue)
   */
  BackendForwarder(Duration connectTimeout, Duration requestTimeout, int maxConnections) {
    client.setConnectTimeout(connectTimeout.toMillis());
    client.setMaxConnectionsPerDestination(maxConnections);
    client.setFollowRedirects(false);
    client.setUserAgentField(null); // the client's own User-Agent is forwarded, not Jetty's
    client.getContentDecoderFactories().clear(); // bodies pass as the backend encoded them
    this.requestTimeoutMillis = requireNonNull(requestTimeout, "requestTimeout").toMillis();
    addBean(client);
  }

  /** Shares the server's threads, scheduler and buffers; called before the server starts. */
  void runOn(Server server) {
    client.setExecutor(server.getThreadPool());
    client.setScheduler(server.getScheduler());
    client.setByteBufferPool(server.getByteBufferPool());
  }

  void forward(Request in, Response out, Callback callback, IngressBackend backend, ByteBuffer body) {
    forward(in, out, callback, backend, body, new Attempts());
  }

  private void forward(Request in, Response out, Callback callback, IngressBackend backend, ByteBuffer body,
      Attempts attempts) {
    Optional<EndpointInfo> endpoint = pick(backend, attempts.refused);
    if (endpoint.isEmpty()) {
      ReverseProxyHandler.plain(out, callback, 502, "no endpoint of " + backend + " accepted the connection");
      return;
    }
    String host = ReverseProxyHandler.host(in);
    var request = client.newRequest("http://" + endpoint.get().address() + pathAndQuery(in)).method(in.getMethod())
        .version(HttpVersion.HTTP_1_1).timeout(requestTimeoutMillis, TimeUnit.MILLISECONDS).headers(fields -> {
          for (HttpField field : in.getHeaders()) {
            if (!NOT_FORWARDED.contains(field.getLowerCaseName())) {
              fields.add(field);
            }
          }
          fields.put("X-Forwarded-Host", host);
          fields.put("X-Forwarded-For", Request.getRemoteAddr(in));
          fields.put("X-Forwarded-Proto", in.isSecure() ? "https" : "http");
        });
    if (body.hasRemaining()) {
      request.body(new ByteBufferRequestContent(body.slice()));
    }
    AtomicBoolean answering = new AtomicBoolean();
    request.onResponseContentSource((reply, content) -> {
      answering.set(true);
      out.setStatus(reply.getStatus());
      for (HttpField field : reply.getHeaders()) {
        if (!NOT_RETURNED.contains(field.getLowerCaseName())) {
          out.getHeaders().add(field);
        }
      }
      Content.copy(content, out, callback);
    });
    request.send(result -> {
      if (!result.isFailed() || answering.get()) {
        return; // answered: the copy completes the callback, also when the body fails half way
      }
      Throwable cause = result.getFailure();
      if (isConnectFailure(cause)) {
        LOG.debug("ingress: {} refused the connection ({}), trying the next endpoint", endpoint.get().address(),
            cause.toString());
        attempts.refused.add(endpoint.get());
        forward(in, out, callback, backend, body, attempts);
      } else if (!attempts.resent && IDEMPOTENT.contains(in.getMethod()) && !isTimeout(cause)) {
        LOG.debug("ingress: {} failed before answering ({}), sending the {} once more", endpoint.get().address(),
            cause.toString(), in.getMethod());
        attempts.resent = true;
        forward(in, out, callback, backend, body, attempts);
      } else {
        LOG.debug("ingress: {} failed: {}", endpoint.get().address(), cause.toString());
        ReverseProxyHandler.plain(out, callback, 502, "backend " + backend + " failed: " + cause.getMessage());
      }
    });
  }

  private static boolean isConnectFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || (t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT)
              .contains("connect"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private Optional<EndpointInfo> pick(IngressBackend backend, Set<EndpointInfo> tried) {
    var endpoints = backend.endpoints();
    AtomicInteger counter = nextEndpoint.computeIfAbsent(backend.toString(), k -> new AtomicInteger());
    for (int i = 0; i < endpoints.size(); i++) {
      EndpointInfo candidate = endpoints.get(Math.floorMod(counter.getAndIncrement(), endpoints.size()));
      if (!tried.contains(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String pathAndQuery(Request request) {
    String path = request.getHttpURI().getPath();
    String query = request.getHttpURI().getQuery();
    return (path == null || path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query);
  }
}
