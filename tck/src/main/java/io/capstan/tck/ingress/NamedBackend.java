package io.capstan.tck.ingress;

import com.sun.net.httpserver.HttpServer;
import io.capstan.spi.proxy.EndpointInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP backend on 127.0.0.1 that answers {@code <name> <path>} with status 200, so a test
 * sees which backend served a request and what path reached it.
 */
public final class NamedBackend implements AutoCloseable {

  private final String name;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  public NamedBackend(String name) throws IOException {
    this.name = name;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = (name + " " + exchange.getRequestURI().getRawPath()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("X-Backend", name);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.setExecutor(threads);
    server.start();
  }

  public String name() {
    return name;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** This backend as a ready endpoint. */
  public EndpointInfo endpoint() {
    return EndpointInfo.ready("127.0.0.1", port(), "n1");
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
