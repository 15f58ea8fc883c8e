package io.capstan.plugins.ingress.builtin;

import io.capstan.spi.ingress.IngressBackend;
import io.capstan.spi.ingress.IngressState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;

/**
 * Routes a request by the current {@link IngressState} (indexed: {@link RouteTable}) and hands it to the {@link BackendForwarder}.
 * No route: 404. A backend without endpoints: 503. A request body is read (without blocking a
 * thread) before forwarding, so a refused connect can be retried on the next endpoint with it.
 */
final class ReverseProxyHandler extends Handler.Abstract.NonBlocking {

  private final BackendForwarder forwarder;
  private volatile RouteTable routes = new RouteTable(IngressState.empty());

  ReverseProxyHandler(Duration connectTimeout, Duration requestTimeout, int maxConnections) {
    this.forwarder = new BackendForwarder(connectTimeout, requestTimeout, maxConnections);
    addBean(forwarder);
  }

  void serve(IngressState next) {
    routes = new RouteTable(next);
  }

  @Override
  protected void doStart() throws Exception {
    forwarder.runOn(getServer());
    super.doStart();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String host = host(request);
    String path = request.getHttpURI().getPath();
    Optional<IngressBackend> backend = routes.route(host, path == null || path.isEmpty() ? "/" : path);
    if (backend.isEmpty()) {
      return plain(response, callback, 404, "no ingress rule for " + host + path);
    }
    if (backend.get().endpoints().isEmpty()) {
      return plain(response, callback, 503, "service " + backend.get() + " has no ready endpoints");
    }
    if (request.getLength() == 0) {
      forwarder.forward(request, response, callback, backend.get(), BufferUtil.EMPTY_BUFFER);
      return true;
    }
    Content.Source.asByteBuffer(request, Promise.from(
        body -> forwarder.forward(request, response, callback, backend.get(), body),
        callback::failed));
    return true;
  }

  /** The Host header the client sent, else the server name the request reached. */
  static String host(Request request) {
    return Optional.ofNullable(request.getHeaders().get(HttpHeader.HOST)).orElse(Request.getServerName(request));
  }

  static boolean plain(Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.write(true, ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
