package io.capstan.plugins.proxy.userspace;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.ServiceProxy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-proxy's userspace mode in Java: every TCP and UDP service port gets a socket on
 * {@code bindAddress} at a local port of its own (the service's address mapping, published by
 * {@link #addresses()} and the ports file), and one selector thread accepts, connects and copies
 * for all of them (UDP: a datagram relay with one session per client address, see
 * {@link UdpServicePort}). A sync opens listeners for new service ports, closes those of removed ones and
 * swaps the endpoints of the rest; open connections are never cut by a sync.
 */
public final class UserspaceProxy implements ServiceProxy {

  private static final Logger LOG = LoggerFactory.getLogger(UserspaceProxy.class);
  /** What this mode relays; SCTP service ports are left to the kernel modes. */
  private static final java.util.Set<String> PROTOCOLS = java.util.Set.of("TCP", "UDP");

  private final UserspaceProxyConfig config;
  private final Clock clock;
  private final Map<ServicePortName, ServicePortProxy> listeners = new HashMap<>(); // loop thread only
  private volatile Map<ServicePortName, InetSocketAddress> published = Map.of();
  private volatile Map<ServicePortName, ServiceInfo> services = Map.of();
  private ProxyLoop loop;

  @Inject
  public UserspaceProxy(UserspaceProxyConfig config, Clock clock) {
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public synchronized void start() throws IOException {
    if (loop == null) {
      loop = new ProxyLoop("capstan-userspace-proxy", this::tick);
      loop.start();
      LOG.info("userspace proxy: service ports listen on {}", config.bindAddress());
    }
  }

  @Override
  public void sync(ProxyState state) throws Exception {
    requireNonNull(state, "state");
    ProxyLoop current;
    synchronized (this) {
      current = loop;
    }
    if (current == null) {
      throw new IllegalStateException("the userspace proxy is not started (or already closed)");
    }
    List<String> problems = current.call(() -> apply(state, current));
    services = state.services();
    writePortsFile();
    if (!problems.isEmpty()) {
      throw new IOException("userspace proxy could not program " + problems.size() + " service port(s): "
          + String.join("; ", problems));
    }
  }

  private List<String> apply(ProxyState state, ProxyLoop current) {
    List<String> problems = new ArrayList<>();
    for (ServicePortName gone : new ArrayList<>(listeners.keySet())) {
      ServiceInfo info = state.services().get(gone);
      if (info == null || !info.protocol().equals(listeners.get(gone).protocol())) {
        listeners.remove(gone).close();
        LOG.info("{}: userspace proxy port closed", gone);
      }
    }
    state.services().forEach((name, info) -> {
      if (!PROTOCOLS.contains(info.protocol())) {
        LOG.debug("{}: {} is not proxied by the userspace mode", name, info.protocol());
        return;
      }
      ServicePortProxy listener = listeners.get(name);
      if (listener == null) {
        try {
          InetSocketAddress bind = new InetSocketAddress(config.bindAddress(), 0);
          listener = "UDP".equals(info.protocol())
              ? new UdpServicePort(info, current, clock, config.udpIdleTimeout(), bind)
              : new ServicePortListener(info, current, clock, config.connectTimeout(), bind);
          listeners.put(name, listener);
          LOG.info("{}: {}:{} is proxied at {}", name, info.clusterIp(), info.port(), listener.address());
        } catch (IOException e) {
          problems.add(e.getMessage());
          return;
        }
      }
      listener.update(info, state.usableEndpoints(name));
    });
    Map<ServicePortName, InetSocketAddress> addresses = new HashMap<>();
    listeners.forEach((name, listener) -> addresses.put(name, listener.address()));
    published = Map.copyOf(addresses);
    return problems;
  }

  private void tick() {
    listeners.values().forEach(ServicePortProxy::tick);
  }

  /** The local address each proxied service port listens on, as of the last sync. */
  public Map<ServicePortName, InetSocketAddress> addresses() {
    return published;
  }

  /** The local address of one service port, if it is proxied. */
  public Optional<InetSocketAddress> address(ServicePortName name) {
    return Optional.ofNullable(published.get(requireNonNull(name, "name")));
  }

  /** Relayed connections (TCP) or live sessions (UDP) open now on one service port (0 if it is not proxied). */
  public int openConnections(ServicePortName name) throws Exception {
    ProxyLoop current;
    synchronized (this) {
      current = loop;
    }
    if (current == null) {
      return 0;
    }
    return current.call(() -> {
      ServicePortProxy listener = listeners.get(name);
      return listener == null ? 0 : listener.openConnections();
    });
  }

  private void writePortsFile() throws IOException {
    if (config.portsFile().isEmpty()) {
      return;
    }
    Path file = Path.of(config.portsFile()).toAbsolutePath();
    StringBuilder text = new StringBuilder("# service-port\tcluster-address\tlocal-address\tprotocol\n");
    new TreeMap<>(published.entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), e -> e)))
        .forEach((key, entry) -> {
          ServiceInfo info = services.get(entry.getKey());
          String cluster = info == null ? "-" : info.clusterIp() + ":" + info.port();
          text.append(key).append('\t').append(cluster).append('\t')
              .append(entry.getValue().getAddress().getHostAddress()).append(':').append(entry.getValue().getPort())
              .append('\t').append(info == null ? "TCP" : info.protocol()).append('\n');
        });
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() throws InterruptedException {
    ProxyLoop current;
    synchronized (this) {
      current = loop;
      loop = null;
    }
    if (current != null) {
      current.close();
      published = Map.of();
      LOG.info("userspace proxy stopped");
    }
  }
}
