package io.capstan.plugins.dns.clusterdns;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xbill.DNS.Address;
import org.xbill.DNS.config.ResolvConfResolverConfigProvider;

/**
 * Where names outside the cluster zone go: the configured {@code upstreams}, else the nameservers
 * of a resolv.conf (read with dnsjava's own parser, as CoreDNS's {@code forward . /etc/resolv.conf}
 * reads it).
 */
final class Upstreams {

  private Upstreams() {}

  /** {@code ip}, {@code ip:port} or {@code [ipv6]:port}; port 53 when absent. IP literals only. */
  static InetSocketAddress parse(String text) {
    String s = text == null ? "" : text.trim();
    String host = s;
    int port = 53;
    try {
      if (s.startsWith("[")) {
        int close = s.indexOf(']');
        host = s.substring(1, close < 0 ? s.length() : close);
        if (close > 0 && close + 1 < s.length()) {
          port = Integer.parseInt(s.substring(close + 2));
        }
      } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
        host = s.substring(0, s.indexOf(':'));
        port = Integer.parseInt(s.substring(s.indexOf(':') + 1));
      }
      if (port < 1 || port > 65535) {
        throw new NumberFormatException("port out of range");
      }
      return new InetSocketAddress(Address.getByAddress(host), port);
    } catch (UnknownHostException | NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("dns.cluster-dns.upstreams: '" + text
          + "' is not an IP address with an optional port (1.1.1.1, 1.1.1.1:53, [2606:4700::1111]:53)", e);
    }
  }

  /** The configured upstreams, or the nameservers of {@code resolvConf} when none are configured. */
  static List<InetSocketAddress> of(ClusterDnsConfig config) throws IOException {
    if (config.upstreams() != null) {
      return config.upstreams().stream().map(Upstreams::parse).toList();
    }
    return fromResolvConf(Path.of(config.resolvConf()));
  }

  /** The {@code nameserver} lines of a resolv.conf file. */
  static List<InetSocketAddress> fromResolvConf(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      FileProvider provider = new FileProvider();
      provider.read(in);
      return provider.servers();
    }
  }

  /** dnsjava's resolv.conf parser, fed a file of our choosing. */
  private static final class FileProvider extends ResolvConfResolverConfigProvider {
    void read(InputStream in) throws IOException {
      parseResolvConf(in);
    }
  }
}
