package io.capstan.plugins.dns.clusterdns;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.dns.ClusterDns;
import io.capstan.spi.dns.DnsService;
import io.capstan.spi.dns.DnsSettings;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code cluster-dns} plugin: an authoritative DNS server for the cluster zone and the reverse
 * zones, over UDP and TCP on one address, answering from a {@link ClusterDnsIndex} the host keeps
 * current. Other names are forwarded to the upstream resolvers ({@link UpstreamForwarder}: the
 * configured {@code upstreams}, by default the nameservers of {@code /etc/resolv.conf}, like
 * CoreDNS's {@code forward . /etc/resolv.conf}); without upstreams they get REFUSED, so a resolver
 * moves on to its next nameserver.
 */
public final class ClusterDnsServer implements ClusterDns {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterDnsServer.class);

  private final ClusterDnsConfig config;
  private final ClusterDnsIndex index = new ClusterDnsIndex();
  private UdpListener udp;
  private TcpListener tcp;
  private UpstreamForwarder forwarder;
  private volatile List<InetSocketAddress> addresses = List.of();

  @Inject
  public ClusterDnsServer(ClusterDnsConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  public synchronized List<InetSocketAddress> listen(DnsSettings settings) throws IOException {
    requireNonNull(settings, "settings");
    if (udp != null) {
      throw new IllegalStateException("cluster DNS already listens on " + addresses);
    }
    InetSocketAddress bind = new InetSocketAddress(settings.bindAddress(), settings.port());
    UpstreamForwarder f = new UpstreamForwarder(upstreams(bind), config.upstreamTimeout());
    ClusterDnsResponder responder = new ClusterDnsResponder(
        new ClusterDnsLookup(index, settings.zone(), config.ttl().toSeconds()), f);
    UdpListener u = null;
    TcpListener t = null;
    // port 0: TCP takes the port UDP was given, so both answer on one address; that port may be
    // taken for TCP by another socket, so a free port is looked for again a few times
    for (int attempt = 1; t == null; attempt++) {
      try {
        u = new UdpListener(bind, responder);
        t = new TcpListener(u.address(), responder, config.tcpIdleTimeout(), config.maxTcpConnections());
      } catch (IOException e) {
        if (u != null) {
          closeQuietly(u);
          u = null;
        }
        if (settings.port() != 0 || attempt == 5) {
          f.close();
          throw e;
        }
        LOG.debug("cluster DNS: {}; trying another port", e.getMessage());
      }
    }
    u.start();
    t.start();
    udp = u;
    tcp = t;
    forwarder = f;
    addresses = List.of(u.address());
    LOG.info("cluster DNS answers for {} on {} (UDP and TCP); other names {}", settings.zone(), u.address(),
        f.enabled() ? "are forwarded to " + f.upstreams() : "are refused (no upstreams)");
    return addresses;
  }

  /** The upstreams, less this server's own address (a loop); none when resolv.conf is unreadable. */
  private List<InetSocketAddress> upstreams(InetSocketAddress self) {
    List<InetSocketAddress> configured;
    try {
      configured = Upstreams.of(config);
    } catch (IOException e) {
      LOG.warn("cluster DNS: cannot read upstream nameservers from {} ({}); names outside the cluster are refused"
          + " (set dns.cluster-dns.upstreams)", config.resolvConf(), e.toString());
      return List.of();
    }
    return configured.stream().filter(a -> {
      boolean loop = a.getPort() == self.getPort() && (a.getAddress().equals(self.getAddress())
          || self.getAddress().isAnyLocalAddress() && a.getAddress().isLoopbackAddress());
      if (loop) {
        LOG.warn("cluster DNS: upstream {} is this server itself; not forwarding there", a);
      }
      return !loop;
    }).toList();
  }

  @Override
  public void update(DnsService service) {
    index.update(service);
    LOG.debug("{}/{}: dns records updated ({})", service.namespace(), service.name(), service.type());
  }

  @Override
  public void remove(String namespace, String name) {
    index.remove(namespace, name);
    LOG.debug("{}/{}: dns records removed", namespace, name);
  }

  @Override
  public List<InetSocketAddress> addresses() {
    return addresses;
  }

  /** How many Services are indexed. */
  public int serviceCount() {
    return index.size();
  }

  @Override
  public synchronized void close() {
    addresses = List.of();
    if (udp != null) {
      closeQuietly(udp);
      udp = null;
    }
    if (tcp != null) {
      closeQuietly(tcp);
      tcp = null;
    }
    if (forwarder != null) {
      forwarder.close();
      forwarder = null;
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("closing: {}", e.toString());
    }
  }
}
