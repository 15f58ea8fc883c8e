package io.capstan.runtime.client.http;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Builds the Jetty HTTP client under an {@link HttpApiClient}.
 *
 * <p>Why Jetty's client rather than the JDK's: a profile of 16 threads doing small GETs showed the
 * JDK client spending more CPU per request than the API server answering it (four executor hand-offs
 * and a chain of completion stages per request), and on Java 17 it does not close a cancelled
 * watch's connection, so the server kept streaming to a watcher that had gone. Jetty sends on the
 * caller's thread, reads on its selector, and {@code abort} closes the connection.
 */
final class JettyClients {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /**
   * Every open watch holds a connection (HTTP/1.1 has no multiplexing), so the per-server limit is
   * high: a component with informers on many kinds, or a benchmark with 1,000 watchers, must never
   * queue a request behind them.
   */
  static final int MAX_CONNECTIONS = 10_000;

  private JettyClients() {}

  /** A started client for {@code connection}; its threads are daemons, so an unclosed client never keeps a JVM alive. */
  static HttpClient start(ClientConnection connection) {
    int id = SEQUENCE.incrementAndGet();
    QueuedThreadPool threads = new QueuedThreadPool(200, 2, 60_000);
    threads.setName("capstan-http-client-" + id);
    threads.setDaemon(true);
    ClientConnector connector = new ClientConnector();
    connector.setExecutor(threads);
    connector.setScheduler(new ScheduledExecutorScheduler("capstan-http-client-" + id + "-scheduler", true));
    connector.setConnectTimeout(java.time.Duration.ofSeconds(10));
    // watches stay open while nothing changes: no idle timeout, as with the JDK client before
    connector.setIdleTimeout(java.time.Duration.ZERO);
    connection.tls().ifPresent(tls -> {
      SslContextFactory.Client ssl = new SslContextFactory.Client();
      ssl.setSslContext(tls);
      connector.setSslContextFactory(ssl);
    });
    HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
    client.setMaxConnectionsPerDestination(MAX_CONNECTIONS);
    client.setMaxRequestsQueuedPerDestination(MAX_CONNECTIONS);
    client.setIdleTimeout(0);
    client.setUserAgentField(null); // HttpTransport sets its own
    client.setFollowRedirects(false);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTP client for " + connection.server() + ": " + e, e);
    }
    // A Kubernetes 401 carries a Status and no WWW-Authenticate challenge; Jetty's authentication
    // handlers would turn it into a protocol error instead of handing it back with its Status.
    client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
    client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
    return client;
  }
}
