package io.capstan.plugins.ingress.builtin;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.ingress.IngressClasses;
import io.capstan.spi.ingress.IngressController;
import io.capstan.spi.ingress.IngressState;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code builtin} ingress controller: a Jetty server whose one handler routes each request by
 * the current {@link IngressState} ({@link IngressState#route}: Kubernetes' host and path rules)
 * and forwards it to an endpoint of the chosen backend. A sync swaps the state atomically; requests
 * in flight finish on the state they started with.
 */
public final class BuiltinIngressController implements IngressController {

  private static final Logger LOG = LoggerFactory.getLogger(BuiltinIngressController.class);

  private final BuiltinIngressConfig config;
  private final ReverseProxyHandler handler;
  private Server server;

  @Inject
  public BuiltinIngressController(BuiltinIngressConfig config) {
    this.config = requireNonNull(config, "config");
    this.handler = new ReverseProxyHandler(config.connectTimeout(), config.requestTimeout());
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
    s.setHandler(handler);
    try {
      s.start();
    } catch (Exception e) {
      s.stop();
      throw new IllegalStateException("builtin ingress cannot listen on " + config.bindAddress() + ":"
          + config.httpPort() + " (" + e.getMessage() + "); set ingress.builtin.httpPort to a free port", e);
    }
    server = s;
    LOG.info("builtin ingress serving HTTP at {}", httpAddress());
  }

  @Override
  public synchronized void sync(IngressState state) throws Exception {
    handler.serve(requireNonNull(state, "state"));
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
