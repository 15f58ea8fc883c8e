package io.capstan.plugins.ingress.builtin;

import io.capstan.spi.ingress.IngressBackend;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.proxy.EndpointInfo;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a request by the current {@link IngressState} and forwards it with the JDK HTTP client
 * to an endpoint of the backend, round-robin per backend; a refused connect tries the next
 * endpoint. No route: 404. A backend without endpoints: 503. Every endpoint unreachable: 502.
 */
final class ReverseProxyHandler extends Handler.Abstract {

  private static final Logger LOG = LoggerFactory.getLogger(ReverseProxyHandler.class);
  /** Hop-by-hop headers, and those the JDK client sets itself and refuses. */
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
      "http2-settings");

  private final HttpClient client;
  private final Duration requestTimeout;
  private final Map<String, AtomicInteger> nextEndpoint = new ConcurrentHashMap<>();
  private volatile IngressState state = IngressState.empty();

  ReverseProxyHandler(Duration connectTimeout, Duration requestTimeout) {
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.requestTimeout = requestTimeout;
  }

  void serve(IngressState next) {
    state = next;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String host = Optional.ofNullable(request.getHeaders().get(HttpHeader.HOST)).orElse(Request.getServerName(request));
    String path = request.getHttpURI().getPath();
    Optional<IngressBackend> backend = state.route(host, path == null ? "/" : path);
    if (backend.isEmpty()) {
      return plain(response, callback, 404, "no ingress rule for " + host + path);
    }
    if (backend.get().endpoints().isEmpty()) {
      return plain(response, callback, 503, "service " + backend.get() + " has no ready endpoints");
    }
    byte[] body;
    try (InputStream in = Request.asInputStream(request)) {
      body = in.readAllBytes();
    }
    forward(request, response, callback, backend.get(), host, body, new HashSet<>());
    return true;
  }

  private void forward(Request request, Response response, Callback callback, IngressBackend backend, String host,
      byte[] body, Set<EndpointInfo> tried) {
    Optional<EndpointInfo> endpoint = pick(backend, tried);
    if (endpoint.isEmpty()) {
      plain(response, callback, 502, "no endpoint of " + backend + " accepted the connection");
      return;
    }
    tried.add(endpoint.get());
    HttpRequest.Builder out = HttpRequest.newBuilder(target(endpoint.get(), request)).timeout(requestTimeout)
        .method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    for (HttpField field : request.getHeaders()) {
      if (!NOT_FORWARDED.contains(field.getLowerCaseName())) {
        out.header(field.getName(), field.getValue());
      }
    }
    out.header("X-Forwarded-Host", host);
    out.header("X-Forwarded-For", Request.getRemoteAddr(request));
    out.header("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
    client.sendAsync(out.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((reply, error) -> {
      if (error == null) {
        respond(response, callback, reply);
        return;
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
        LOG.debug("ingress: {} refused the connection ({}), trying the next endpoint", endpoint.get().address(), cause.toString());
        forward(request, response, callback, backend, host, body, tried);
      } else {
        LOG.debug("ingress: {} failed: {}", endpoint.get().address(), cause.toString());
        plain(response, callback, 502, "backend " + backend + " failed: " + cause.getMessage());
      }
    });
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

  private static URI target(EndpointInfo endpoint, Request request) {
    String query = request.getHttpURI().getQuery();
    String path = request.getHttpURI().getPath();
    return URI.create("http://" + endpoint.address() + (path == null ? "/" : path) + (query == null ? "" : "?" + query));
  }

  private static void respond(Response response, Callback callback, HttpResponse<byte[]> reply) {
    response.setStatus(reply.statusCode());
    reply.headers().map().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.startsWith(":") && !NOT_FORWARDED.contains(lower)) {
        values.forEach(value -> response.getHeaders().add(name, value));
      }
    });
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }

  private static boolean plain(Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.write(true, ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
