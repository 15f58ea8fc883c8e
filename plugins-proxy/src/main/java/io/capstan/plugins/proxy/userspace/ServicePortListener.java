package io.capstan.plugins.proxy.userspace;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP service port: a listening socket on the bind address whose accepted connections are
 * connected to the service's endpoints. Lives on the loop thread; its endpoints are replaced on
 * sync while open connections keep their endpoint.
 */
final class ServicePortListener implements ServicePortProxy, ProxyLoop.Handler {

  private static final Logger LOG = LoggerFactory.getLogger(ServicePortListener.class);

  private final ServicePortName name;
  private final ProxyLoop loop;
  private final Clock clock;
  private final Duration connectTimeout;
  private final ServerSocketChannel server;
  private final EndpointPicker picker;
  private final Set<Connector> connecting = new LinkedHashSet<>();
  private final AtomicInteger open = new AtomicInteger();

  ServicePortListener(ServiceInfo info, ProxyLoop loop, Clock clock, Duration connectTimeout,
      InetSocketAddress bind) throws IOException {
    this.name = requireNonNull(info, "info").name();
    this.loop = requireNonNull(loop, "loop");
    this.clock = requireNonNull(clock, "clock");
    this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
    this.picker = new EndpointPicker(clock, info);
    this.server = ServerSocketChannel.open();
    try {
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(bind, 1024);
      server.configureBlocking(false);
      server.register(loop.selector(), SelectionKey.OP_ACCEPT, this);
    } catch (IOException e) {
      server.close();
      throw new IOException(name + ": cannot listen on " + bind + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ServicePortName name() {
    return name;
  }

  @Override
  public String protocol() {
    return "TCP";
  }

  @Override
  public InetSocketAddress address() {
    try {
      return (InetSocketAddress) server.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException(name + ": listener closed", e);
    }
  }

  EndpointPicker picker() {
    return picker;
  }

  ProxyLoop loop() {
    return loop;
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  long nanoTime() {
    return clock.nanoTime();
  }

  @Override
  public void update(ServiceInfo info, List<EndpointInfo> usable) {
    picker.update(info, usable);
  }

  /** Open relayed connections (for tests and {@code capstan get services}). */
  @Override
  public int openConnections() {
    return open.get();
  }

  @Override
  public void ready(SelectionKey key) {
    try {
      SocketChannel client;
      while ((client = server.accept()) != null) {
        client.configureBlocking(false);
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        String ip = ((InetSocketAddress) client.getRemoteAddress()).getAddress().getHostAddress();
        Connector connector = new Connector(this, client, ip);
        connecting.add(connector);
        connector.next();
      }
    } catch (IOException e) {
      LOG.warn("{}: accept failed: {}", name, e.toString());
    }
  }

  void connectDone(Connector connector) {
    connecting.remove(connector);
  }

  void relayOpened() {
    open.incrementAndGet();
  }

  void relayClosed() {
    open.decrementAndGet();
  }

  /** Loop tick: times out slow connects and forgets expired affinity pins. */
  @Override
  public void tick() {
    long now = clock.nanoTime();
    for (Connector connector : new ArrayList<>(connecting)) {
      connector.checkDeadline(now);
    }
    picker.expirePins();
  }

  /** Stops accepting; connections already relayed stay open until either side closes them. */
  @Override
  public void close() {
    for (Connector connector : new ArrayList<>(connecting)) {
      connector.abort();
    }
    connecting.clear();
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("{}: closing the listener: {}", name, e.toString());
    }
  }
}
