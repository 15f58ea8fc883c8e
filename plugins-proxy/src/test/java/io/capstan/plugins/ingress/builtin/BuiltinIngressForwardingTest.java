package io.capstan.plugins.ingress.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.capstan.spi.ingress.IngressBackend;
import io.capstan.spi.ingress.IngressPath;
import io.capstan.spi.ingress.IngressRule;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.ingress.PathType;
import io.capstan.spi.proxy.EndpointInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the builtin ingress forwards and returns, against a real backend that echoes what reached
 * it: method, path and query, body, the client's Host and the X-Forwarded-* headers, response
 * headers and large bodies; a refused endpoint retried on the next, 502 when none accepts or the
 * backend fails before answering; a kept-alive connection the backend dropped retried for an
 * idempotent request only.
 */
class BuiltinIngressForwardingTest {

  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private HttpServer echo;
  private BuiltinIngressController controller;

  @BeforeEach
  void start() throws Exception {
    echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    echo.createContext("/", exchange -> {
      byte[] in = exchange.getRequestBody().readAllBytes();
      var h = exchange.getRequestHeaders();
      String text = exchange.getRequestURI().getPath().startsWith("/big") ? "x".repeat(1 << 20)
          : exchange.getRequestMethod() + " " + exchange.getRequestURI() + " body=" + new String(in, StandardCharsets.UTF_8)
              + " host=" + h.getFirst("Host") + " xfh=" + h.getFirst("X-Forwarded-Host") + " xff=" + h.get("X-Forwarded-For")
              + " xfp=" + h.getFirst("X-Forwarded-Proto") + " custom=" + h.getFirst("X-Custom");
      byte[] out = text.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("X-Reply", "from-echo");
      exchange.sendResponseHeaders(201, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    echo.setExecutor(threads);
    echo.start();
    controller = new BuiltinIngressController(new BuiltinIngressConfig("127.0.0.1", 0, 0, null, null, 16));
    controller.start();
  }

  @AfterEach
  void stop() throws Exception {
    controller.close();
    echo.stop(0);
    threads.shutdownNow();
  }

  private void route(EndpointInfo... endpoints) throws Exception {
    controller.sync(new IngressState(List.of(new IngressRule("", List.of(new IngressPath("/", PathType.PREFIX,
        new IngressBackend("default", "web", "http", List.of(endpoints)))), "default", "web")), List.of(), Optional.empty()));
  }

  private EndpointInfo live() {
    return EndpointInfo.ready("127.0.0.1", echo.getAddress().getPort(), "n1");
  }

  private static EndpointInfo refusing() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return EndpointInfo.ready("127.0.0.1", socket.getLocalPort(), "n1"); // closed again: connects are refused
    }
  }

  @Test
  void forwardsMethodPathQueryBodyAndHeadersAndReturnsTheBackendsAnswer() throws Exception {
    route(live());
    String reply = exchange(controller.httpAddress(), "POST /a/b%20c?x=1&y=2 HTTP/1.1\r\nHost: shop.example:8088\r\n"
        + "X-Custom: kept\r\nX-Forwarded-For: 6.6.6.6\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
    assertThat(reply).startsWith("HTTP/1.1 201").containsIgnoringCase("X-Reply: from-echo");
    assertThat(reply).contains("POST /a/b%20c?x=1&y=2 body=hello host=shop.example:8088 xfh=shop.example:8088",
        "xff=[127.0.0.1]", "xfp=http", "custom=kept");
  }

  @Test
  void streamsLargeBodiesWhole() throws Exception {
    route(live());
    String reply = exchange(controller.httpAddress(), "GET /big HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assertThat(reply.substring(reply.indexOf("\r\n\r\n") + 4)).hasSize(1 << 20).matches("x+");
  }

  @Test
  void aRefusedEndpointIsRetriedOnTheNextAndNoneAcceptingAnswers502() throws Exception {
    route(refusing(), live());
    for (int i = 0; i < 4; i++) { // round-robin starts on each endpoint in turn: every request still lands
      assertThat(exchange(controller.httpAddress(), "GET /r HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
          .startsWith("HTTP/1.1 201");
    }
    route(refusing(), refusing());
    assertThat(exchange(controller.httpAddress(), "GET /r HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 502").contains("accepted the connection");
  }

  @Test
  void aBackendThatClosesWithoutAnsweringGets502() throws Exception {
    try (ServerSocket mute = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
      Thread closer = new Thread(() -> {
        while (!mute.isClosed()) {
          try (Socket s = mute.accept()) {
            s.getInputStream().read();
          } catch (IOException e) {
            return;
          }
        }
      });
      closer.setDaemon(true);
      closer.start();
      route(EndpointInfo.ready("127.0.0.1", mute.getLocalPort(), "n1"));
      assertThat(exchange(controller.httpAddress(), "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
          .startsWith("HTTP/1.1 502").contains("failed");
    }
  }

  @Test
  void aKeptAliveConnectionTheBackendClosedIsRetriedForIdempotentRequestsOnly() throws Exception {
    try (ServerSocket flaky = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        while (!flaky.isClosed()) {
          try {
            Socket s = flaky.accept();
            Thread connection = new Thread(() -> answerOnceThenDropTheNext(s));
            connection.setDaemon(true);
            connection.start();
          } catch (IOException e) {
            return;
          }
        }
      });
      server.setDaemon(true);
      server.start();
      route(EndpointInfo.ready("127.0.0.1", flaky.getLocalPort(), "n1"));
      String get = "GET /k HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
      assertThat(exchange(controller.httpAddress(), get)).startsWith("HTTP/1.1 200"); // the ingress keeps that connection
      assertThat(exchange(controller.httpAddress(), get)).startsWith("HTTP/1.1 200"); // dropped on reuse, sent again
      String post = "POST /k HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx";
      assertThat(exchange(controller.httpAddress(), post)).startsWith("HTTP/1.1 502"); // never sent twice
    }
  }

  /** Answers the first request on the connection (keep-alive), then reads the next and closes without a word. */
  private static void answerOnceThenDropTheNext(Socket socket) {
    try (socket) {
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      int length = 0;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      in.skip(length);
      socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      in.readLine(); // the next request on this connection: dropped
    } catch (IOException e) {
      // the ingress closed it
    }
  }

  /** Sends a raw request and reads the whole response (the request asks the server to close). */
  private static String exchange(URI server, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 2000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
