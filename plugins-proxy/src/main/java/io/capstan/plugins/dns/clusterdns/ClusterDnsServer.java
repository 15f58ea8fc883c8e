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
 * current. It does not recurse or forward: other names get REFUSED, so a resolver moves on to its
 * next nameserver.
 */
public final class ClusterDnsServer implements ClusterDns {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterDnsServer.class);

  private final ClusterDnsConfig config;
  private final ClusterDnsIndex index = new ClusterDnsIndex();
  private UdpListener udp;
  private TcpListener tcp;
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
    ClusterDnsResponder responder = new ClusterDnsResponder(
        new ClusterDnsLookup(index, settings.zone(), config.ttl().toSeconds()));
    UdpListener u = new UdpListener(new InetSocketAddress(settings.bindAddress(), settings.port()), responder);
    TcpListener t;
    try {
      // port 0: TCP takes the port UDP was given, so both answer on one address
      t = new TcpListener(u.address(), responder, config.tcpIdleTimeout(), config.maxTcpConnections());
    } catch (IOException e) {
      closeQuietly(u);
      throw e;
    }
    u.start();
    t.start();
    udp = u;
    tcp = t;
    addresses = List.of(u.address());
    LOG.info("cluster DNS answers for {} on {} (UDP and TCP)", settings.zone(), u.address());
    return addresses;
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
