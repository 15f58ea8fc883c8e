package io.capstan.plugins.proxy.userspace;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.proxy.EndpointInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's UDP session on a service port: a socket connected to the endpoint chosen for the
 * client, whose replies are relayed back. Lives on the proxy's loop thread.
 */
final class UdpSession implements ProxyLoop.Handler {

  private static final Logger LOG = LoggerFactory.getLogger(UdpSession.class);

  private final UdpServicePort port;
  private final SocketAddress client;
  private final EndpointInfo endpoint;
  private final DatagramChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(65535);
  private long lastActivityNanos;

  UdpSession(UdpServicePort port, SocketAddress client, EndpointInfo endpoint, long nowNanos) throws IOException {
    this.port = requireNonNull(port, "port");
    this.client = requireNonNull(client, "client");
    this.endpoint = requireNonNull(endpoint, "endpoint");
    this.lastActivityNanos = nowNanos;
    this.channel = DatagramChannel.open();
    try {
      channel.configureBlocking(false);
      channel.connect(new InetSocketAddress(endpoint.ip(), endpoint.port()));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  void register(Selector selector) throws IOException {
    channel.register(selector, SelectionKey.OP_READ, this);
  }

  SocketAddress client() {
    return client;
  }

  EndpointInfo endpoint() {
    return endpoint;
  }

  long lastActivityNanos() {
    return lastActivityNanos;
  }

  boolean isOpen() {
    return channel.isOpen();
  }

  /** Sends one client datagram to the endpoint (dropped, as UDP may, if the socket buffer is full). */
  void toEndpoint(ByteBuffer datagram, long nowNanos) {
    lastActivityNanos = nowNanos;
    try {
      channel.write(datagram);
    } catch (PortUnreachableException e) {
      LOG.debug("{}: endpoint {} unreachable; closing the session", client, endpoint.address());
      port.closeSession(this);
    } catch (IOException e) {
      LOG.debug("{}: UDP write to {} failed: {}", client, endpoint.address(), e.toString());
    }
  }

  /** The endpoint replied: relay every waiting datagram to the client. */
  @Override
  public void ready(SelectionKey key) {
    while (channel.isOpen()) {
      buffer.clear();
      int read;
      try {
        read = channel.read(buffer);
      } catch (PortUnreachableException e) {
        LOG.debug("{}: endpoint {} unreachable; closing the session", client, endpoint.address());
        port.closeSession(this);
        return;
      } catch (IOException e) {
        LOG.debug("{}: UDP read from {} failed: {}", client, endpoint.address(), e.toString());
        port.closeSession(this);
        return;
      }
      if (read <= 0) {
        return;
      }
      buffer.flip();
      lastActivityNanos = port.nanoTime();
      port.toClient(this, buffer);
    }
  }

  void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing the UDP session of {}: {}", client, e.toString());
    }
  }
}
