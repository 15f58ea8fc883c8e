package io.capstan.plugins.ingress.builtin;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.ingress.tls.CertificateSelector;
import io.capstan.plugins.ingress.tls.FakeCertificate;
import io.capstan.spi.ingress.IngressClasses;
import io.capstan.spi.ingress.IngressController;
import io.capstan.spi.ingress.IngressState;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code builtin} ingress controller: a Jetty server whose one handler routes each request by
 * the current {@link IngressState} ({@link IngressState#route}: Kubernetes' host and path rules)
 * and forwards it to an endpoint of the chosen backend. A sync swaps the state atomically; requests
 * in flight finish on the state they started with.
 *
 * <p>HTTPS is served on {@code httpsPort} with the same routing (by the {@code Host} header); the
 * certificate of each handshake is chosen by SNI ({@link SniKeyManager}): the host's
 * {@code spec.tls} Secret, else ingress-nginx's self-signed default ({@link FakeCertificate}) —
 * also for clients that send no SNI.
 */
public final class BuiltinIngressController implements IngressController {

  private static final Logger LOG = LoggerFactory.getLogger(BuiltinIngressController.class);

  private final BuiltinIngressConfig config;
  private final ReverseProxyHandler handler;
  private final SniKeyManager keys = new SniKeyManager();
  private CertificateSelector certificates;
  private Server server;

  @Inject
  public BuiltinIngressController(BuiltinIngressConfig config) {
    this.config = requireNonNull(config, "config");
    this.handler = new ReverseProxyHandler(config.connectTimeout(), config.requestTimeout(), config.maxThreads());
  }

  @Override
  public String controllerValue() {
    return IngressClasses.BUILTIN_CONTROLLER;
  }

  /**
   * Nothing to do yet: the listener opens on the first {@link #sync}, so a process that has the
   * plugin selected but does not run the {@code ingress} component never takes the port.
   */
  @Override
  public void start() {}

  private void listen() throws Exception {
    if (server != null) {
      return;
    }
    QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads(), 4);
    threads.setName("capstan-ingress");
    threads.setDaemon(true);
    Server s = new Server(threads);
    ServerConnector connector = new ServerConnector(s);
    connector.setHost(config.bindAddress());
    connector.setPort(config.httpPort());
    s.addConnector(connector);
    s.addConnector(httpsConnector(s));
    s.setHandler(handler);
    try {
      s.start();
    } catch (Exception e) {
      s.stop();
      throw new IllegalStateException("builtin ingress cannot listen on " + config.bindAddress() + ":"
          + config.httpPort() + " (" + e.getMessage() + "); set ingress.builtin.httpPort to a free port", e);
    }
    server = s;
    LOG.info("builtin ingress serving HTTP at {} and HTTPS at {}", httpAddress(), httpsAddress());
  }

  private ServerConnector httpsConnector(Server s) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[] {keys}, null, null);
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setSslContext(context);
    tls.setSniRequired(false);
    HttpConfiguration https = new HttpConfiguration();
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false); // like ingress-nginx: any Host over any certificate, routing by Host
    https.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(s, new SslConnectionFactory(tls, "http/1.1"),
        new HttpConnectionFactory(https));
    connector.setHost(config.bindAddress());
    connector.setPort(config.httpsPort());
    return connector;
  }

  @Override
  public synchronized void sync(IngressState state) throws Exception {
    requireNonNull(state, "state");
    if (certificates == null) {
      certificates = new CertificateSelector(FakeCertificate.get());
    }
    keys.serve(certificates.select(state));
    handler.serve(state);
    listen();
    LOG.debug("builtin ingress: {} rules", state.rules().size());
  }

  /** Where plain HTTP is served, with the port actually bound. */
  public synchronized URI httpAddress() {
    if (server == null) {
      throw new IllegalStateException("the builtin ingress serves from its first sync on");
    }
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    String host = config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
  }

  /** Where HTTPS is served, with the port actually bound. */
  public synchronized URI httpsAddress() {
    if (server == null) {
      throw new IllegalStateException("the builtin ingress serves from its first sync on");
    }
    int port = ((ServerConnector) server.getConnectors()[1]).getLocalPort();
    String host = config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress();
    return URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
  }

  @Override
  public synchronized List<String> loadBalancerAddresses() {
    return server == null ? List.of() : List.of(httpAddress().getHost());
  }

  @Override
  public synchronized void close() throws Exception {
    if (server != null) {
      server.stop();
      server = null;
      LOG.info("builtin ingress stopped");
    }
  }
}
