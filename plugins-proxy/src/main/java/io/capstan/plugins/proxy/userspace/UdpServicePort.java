package io.capstan.plugins.proxy.userspace;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP service port, as kube-proxy's userspace mode relays UDP: a datagram socket on the bind
 * address receives from clients; each client address (IP and port) gets a session with a socket
 * connected to one endpoint, chosen round-robin (or pinned by ClientIP affinity) when the session
 * starts; the endpoint's replies go back to that client from the service port's address. A session
 * idle for {@code idleTimeout} (kube-proxy's {@code --udp-timeout}) is closed, and so is one whose
 * endpoint left the usable set or answered ICMP port unreachable: the client's next datagram then
 * starts a new session on another endpoint. Everything runs on the proxy's loop thread.
 */
final class UdpServicePort implements ServicePortProxy, ProxyLoop.Handler {

  private static final Logger LOG = LoggerFactory.getLogger(UdpServicePort.class);
  private static final int MAX_DATAGRAM = 65535;

  private final ServicePortName name;
  private final ProxyLoop loop;
  private final Clock clock;
  private final Duration idleTimeout;
  private final DatagramChannel frontend;
  private final EndpointPicker picker;
  private final Map<SocketAddress, UdpSession> sessions = new HashMap<>();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  private long dropped;

  UdpServicePort(ServiceInfo info, ProxyLoop loop, Clock clock, Duration idleTimeout, InetSocketAddress bind)
      throws IOException {
    this.name = requireNonNull(info, "info").name();
    this.loop = requireNonNull(loop, "loop");
    this.clock = requireNonNull(clock, "clock");
    this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout");
    this.picker = new EndpointPicker(clock, info);
    this.frontend = DatagramChannel.open();
    try {
      frontend.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      frontend.bind(bind);
      frontend.configureBlocking(false);
      frontend.register(loop.selector(), SelectionKey.OP_READ, this);
    } catch (IOException e) {
      frontend.close();
      throw new IOException(name + ": cannot listen on UDP " + bind + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ServicePortName name() {
    return name;
  }

  @Override
  public String protocol() {
    return "UDP";
  }

  @Override
  public InetSocketAddress address() {
    try {
      return (InetSocketAddress) frontend.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException(name + ": UDP port closed", e);
    }
  }

  @Override
  public void update(ServiceInfo info, List<EndpointInfo> usable) {
    picker.update(info, usable);
    Set<EndpointInfo> still = new HashSet<>(usable);
    for (UdpSession session : new ArrayList<>(sessions.values())) {
      if (!still.contains(session.endpoint())) {
        LOG.debug("{}: endpoint {} left; closing the session of {}", name, session.endpoint().address(), session.client());
        closeSession(session);
      }
    }
  }

  @Override
  public int openConnections() {
    return sessions.size();
  }

  long nanoTime() {
    return clock.nanoTime();
  }

  /** Datagrams dropped because no endpoint was usable (for tests and logs). */
  long dropped() {
    return dropped;
  }

  /** A datagram from a client: relay it through the client's session, starting one if needed. */
  @Override
  public void ready(SelectionKey key) {
    while (true) {
      buffer.clear();
      SocketAddress from;
      try {
        from = frontend.receive(buffer);
      } catch (IOException e) {
        LOG.debug("{}: UDP receive failed: {}", name, e.toString());
        return;
      }
      if (from == null) {
        return;
      }
      buffer.flip();
      Optional<UdpSession> session = session(from);
      if (session.isEmpty()) {
        dropped++;
        continue;
      }
      session.get().toEndpoint(buffer, clock.nanoTime());
    }
  }

  private Optional<UdpSession> session(SocketAddress from) {
    UdpSession existing = sessions.get(from);
    if (existing != null && existing.isOpen()) {
      return Optional.of(existing);
    }
    String clientIp = ((InetSocketAddress) from).getAddress().getHostAddress();
    Optional<EndpointInfo> endpoint = picker.pick(clientIp, Set.of());
    if (endpoint.isEmpty()) {
      LOG.debug("{}: no usable endpoint for UDP client {}", name, from);
      return Optional.empty();
    }
    try {
      UdpSession session = new UdpSession(this, from, endpoint.get(), clock.nanoTime());
      session.register(loop.selector());
      sessions.put(from, session);
      LOG.debug("{}: UDP session {} -> {}", name, from, endpoint.get().address());
      return Optional.of(session);
    } catch (IOException e) {
      LOG.debug("{}: UDP session to {} failed: {}", name, endpoint.get().address(), e.toString());
      return Optional.empty();
    }
  }

  /** A reply from an endpoint goes back to its session's client from the service port's address. */
  void toClient(UdpSession session, ByteBuffer reply) {
    try {
      frontend.send(reply, session.client());
    } catch (IOException e) {
      LOG.debug("{}: UDP send to {} failed: {}", name, session.client(), e.toString());
    }
  }

  void closeSession(UdpSession session) {
    session.close();
    sessions.remove(session.client(), session);
  }

  @Override
  public void tick() {
    long now = clock.nanoTime();
    long idle = idleTimeout.toNanos();
    for (UdpSession session : new ArrayList<>(sessions.values())) {
      if (!session.isOpen() || now - session.lastActivityNanos() >= idle) {
        closeSession(session);
      }
    }
    picker.expirePins();
  }

  @Override
  public void close() {
    new ArrayList<>(sessions.values()).forEach(this::closeSession);
    try {
      frontend.close();
    } catch (IOException e) {
      LOG.debug("{}: closing the UDP port: {}", name, e.toString());
    }
  }
}
