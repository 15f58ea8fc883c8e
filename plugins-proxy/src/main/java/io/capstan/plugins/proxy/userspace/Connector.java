package io.capstan.plugins.proxy.userspace;

import io.capstan.spi.proxy.EndpointInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one accepted client to an endpoint without blocking the loop: on a refused or timed-out
 * connect it tries the next endpoint the picker offers (each at most once), as kube-proxy's
 * userspace proxy retries; when none is left the client is closed.
 */
final class Connector implements ProxyLoop.Handler {

  private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

  private final ServicePortListener listener;
  private final SocketChannel client;
  private final String clientIp;
  private final Set<EndpointInfo> tried = new HashSet<>();
  private SocketChannel backend;
  private EndpointInfo current;
  private long deadlineNanos;

  Connector(ServicePortListener listener, SocketChannel client, String clientIp) {
    this.listener = listener;
    this.client = client;
    this.clientIp = clientIp;
  }

  /** Starts (or continues with) the next endpoint. */
  void next() {
    closeBackend();
    Optional<EndpointInfo> endpoint = listener.picker().pick(clientIp, tried);
    if (endpoint.isEmpty()) {
      LOG.debug("{}: no usable endpoint left for {} (tried {})", listener.name(), clientIp, tried.size());
      listener.connectDone(this);
      closeQuietly(client);
      return;
    }
    current = endpoint.get();
    tried.add(current);
    try {
      backend = SocketChannel.open();
      backend.configureBlocking(false);
      deadlineNanos = listener.nanoTime() + listener.connectTimeout().toNanos();
      if (backend.connect(new InetSocketAddress(current.ip(), current.port()))) {
        connected();
      } else {
        backend.register(listener.loop().selector(), SelectionKey.OP_CONNECT, this);
      }
    } catch (IOException e) {
      LOG.debug("{}: connect to {} failed: {}", listener.name(), current.address(), e.toString());
      next();
    }
  }

  @Override
  public void ready(SelectionKey key) {
    try {
      if (backend.finishConnect()) {
        connected();
      }
    } catch (IOException e) {
      LOG.debug("{}: connect to {} failed: {}", listener.name(), current.address(), e.toString());
      next();
    }
  }

  /** Called on each loop tick: a connect past its deadline counts as failed. */
  void checkDeadline(long nowNanos) {
    if (backend != null && backend.isConnectionPending() && nowNanos - deadlineNanos > 0) {
      LOG.debug("{}: connect to {} timed out", listener.name(), current.address());
      next();
    }
  }

  private void connected() throws IOException {
    listener.connectDone(this);
    backend.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
    Relay relay = new Relay(client, backend, listener::relayClosed);
    listener.relayOpened();
    relay.register(listener.loop().selector());
  }

  private void closeBackend() {
    if (backend != null) {
      closeQuietly(backend);
      backend = null;
    }
  }

  void abort() {
    closeBackend();
    closeQuietly(client);
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing {}: {}", channel, e.toString());
    }
  }
}
