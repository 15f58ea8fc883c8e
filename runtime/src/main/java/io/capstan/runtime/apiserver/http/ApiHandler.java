package io.capstan.runtime.apiserver.http;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.security.ApiSecurity;
import io.capstan.runtime.apiserver.metrics.ApiMetrics;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.clock.TaskExecutor;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server's one HTTP handler: health endpoints, non-resource documents, and resource
 * requests, every failure answered with a Kubernetes {@code Status}. A fault of the server itself
 * is a 500 whose message carries a request id, logged with its stack trace.
 */
public final class ApiHandler extends Handler.Abstract {

  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
  private static final Logger access = LoggerFactory.getLogger("io.capstan.apiserver.access");

  /** Kubernetes' limit on request bodies (3 MiB). */
  public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  private final ResourceEndpoint resources;
  private final NonResourceEndpoints documents;
  private final AtomicLong requestIds = new AtomicLong();
  private final ApiMetrics metrics;
  private final ApiSecurity security;
  private final SecurityEndpoint securityEndpoint;
  private volatile boolean ready;

  public ApiHandler(ResourceApi api, ApiExtensions extensions, NonResourceEndpoints documents, TaskExecutor executor,
      ApiMetrics metrics) {
    this(api, extensions, documents, executor, metrics, ApiSecurity.open());
  }

  public ApiHandler(ResourceApi api, ApiExtensions extensions, NonResourceEndpoints documents, TaskExecutor executor,
      ApiMetrics metrics, ApiSecurity security) {
    this.metrics = requireNonNull(metrics, "metrics");
    this.resources = new ResourceEndpoint(requireNonNull(api, "api"), requireNonNull(extensions, "extensions"), executor);
    this.documents = requireNonNull(documents, "documents");
    this.security = requireNonNull(security, "security");
    this.securityEndpoint = new SecurityEndpoint(api, security, new Bodies(extensions.protobuf().orElse(null)));
  }

  /** Marks the server ready: {@code /readyz} answers ok from now on. */
  public void ready() {
    ready = true;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long id = requestIds.incrementAndGet();
    long started = System.nanoTime();
    String method = request.getMethod();
    String path = request.getHttpURI().getPath();
    try {
      route(request, response, callback, method, path);
    } catch (ApiException e) {
      drainBody(request);
      Responses.status(response, callback, e.status());
    } catch (Throwable e) {
      log.error("request {} {} {} failed", id, method, path, e);
      drainBody(request);
      Responses.status(response, callback, ApiErrors.internal(e.getClass().getSimpleName() + " (request id " + id + ")").status());
    } finally {
      RequestInfo info = RequestInfo.parse(method, path, false);
      metrics.request(info.resourceRequest() ? info.verb() : method, info.resource(), response.getStatus(), System.nanoTime() - started);
      if (access.isDebugEnabled()) {
        access.debug("id={} method={} path={} query={} code={} micros={} agent=\"{}\"", id, method, path,
            request.getHttpURI().getQuery(), response.getStatus(), (System.nanoTime() - started) / 1000,
            request.getHeaders().get(HttpHeader.USER_AGENT));
      }
    }
    return true;
  }

  private void route(Request request, Response response, Callback callback, String method, String path) throws Exception {
    String query = request.getHttpURI().getQuery();
    boolean watch = query != null && (query.contains("watch=true") || query.contains("watch=1"));
    RequestInfo info = RequestInfo.parse(method, path, watch);
    // Steps 1 and 2 of the request path: who asks (401), and may they (403).
    UserInfo user = security.authenticate(RequestCredentials.of(request));
    if (!security.isOpen()) {
      security.authorize(info.attributes(user));
    }
    switch (path) {
      case "/healthz", "/livez" -> {
        Responses.text(response, callback, 200, "ok");
        return;
      }
      case "/readyz" -> {
        Responses.text(response, callback, ready ? 200 : 503, ready ? "ok" : "not ready");
        return;
      }
      case "/metrics" -> {
        Responses.bytes(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8",
            metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return;
      }
      default -> { }
    }
    if (!info.resourceRequest()) {
      if (!method.equals("GET") && !method.equals("HEAD")) {
        throw ApiErrors.methodNotAllowed("the server does not allow this method on the requested resource");
      }
      Optional<NonResourceEndpoints.Reply> reply = documents.get(path, query, request.getHeaders().get(HttpHeader.ACCEPT));
      if (reply.isEmpty()) {
        throw ApiErrors.notFoundPath("the server could not find the requested resource");
      }
      Responses.bytes(response, callback, reply.get().code(), reply.get().contentType(), reply.get().body());
      return;
    }
    if ("websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))) {
      // Watches stream over plain HTTP, as kubectl and client-go use them. Clients that try a
      // WebSocket first (the fabric8 client) fall back to HTTP streaming on a 503.
      throw ApiErrors.serviceUnavailable("WebSocket upgrades are not served; use a streaming HTTP watch (?watch=true)");
    }
    byte[] body = readBody(request);
    if (securityEndpoint.handles(info)) {
      securityEndpoint.handle(info, request, response, callback, user, body);
      return;
    }
    resources.handle(info, request, response, callback, user, body);
  }

  private static final byte[] NO_BODY = new byte[0];

  /** How much of a refused request's unread body is read and dropped to keep its connection; Go's server, 256 KiB. */
  static final int MAX_DRAINED_BYTES = 256 * 1024;

  /**
   * Reads and drops what is left of the body of a request answered with an error before its body was read (a 401 or
   * 403 comes before it). Jetty closes a connection whose request body is not consumed when the response completes,
   * and when the rest of the body had not arrived by then, a client that reused the connection for its next request
   * got a reset instead of an answer. Go's server, which Kubernetes runs on, drains such bodies the same way. A body
   * already read reads as empty; a larger rest still closes the connection.
   */
  private static void drainBody(Request request) {
    if (request.getLength() == 0) {
      return;
    }
    try (InputStream in = Request.asInputStream(request)) {
      byte[] discard = new byte[8192];
      long left = MAX_DRAINED_BYTES;
      for (int n; left > 0 && (n = in.read(discard, 0, (int) Math.min(discard.length, left))) > 0; ) {
        left -= n;
      }
    } catch (java.io.IOException | RuntimeException gone) {
      // the client went away or sent garbage: Jetty closes the connection, which is all that is left to do
    }
  }

  private static byte[] readBody(Request request) throws java.io.IOException {
    long declared = request.getLength();
    if (declared == 0) {
      return NO_BODY; // a GET or DELETE without a body: nothing to read, no buffer to allocate
    }
    try (InputStream in = Request.asInputStream(request)) {
      if (declared > 0 && declared <= MAX_BODY_BYTES) {
        return in.readNBytes((int) declared); // HTTP framing says exactly this many bytes follow
      }
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        // Drain a moderate excess so the client, still sending, reads our answer instead of a reset.
        in.skipNBytes(Math.max(0, Math.min(declared, 4L * MAX_BODY_BYTES) - body.length));
        throw ApiErrors.tooLarge("the request body is too large: " + (declared > 0 ? declared + " bytes" : "over the limit")
            + ", limit " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }
}
