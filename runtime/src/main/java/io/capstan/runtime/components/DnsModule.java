package io.capstan.runtime.components;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.runtime.config.ConfigurationException;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.runtime.dns.DnsHost;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.dns.ClusterDns;
import io.capstan.spi.dns.DnsSettings;

/** Wires the dns component: the host feeding the {@code dns.plugin} server from Service and Endpoints informers. */
public final class DnsModule extends AbstractModule {

  @Provides
  @Singleton
  DnsSettings dnsSettings(LayeredConfig config) {
    return settings(config);
  }

  @Provides
  @Singleton
  DnsHost dnsHost(InformerFactory informers, ClusterDns dns, DnsSettings settings) {
    return new DnsHost(informers, dns, settings);
  }

  /** {@code dns.bind}, {@code dns.port} and {@code dns.zone}, checked. */
  public static DnsSettings settings(LayeredConfig config) {
    DnsSettings d = DnsSettings.defaults();
    String bind = config.get("dns.bind").map(v -> String.valueOf(v.value()).trim()).orElse(d.bindAddress());
    String zone = config.get("dns.zone").map(v -> String.valueOf(v.value())).orElse(d.zone());
    int port = d.port();
    if (config.get("dns.port").isPresent()) {
      String text = config.string("dns.port").trim();
      try {
        port = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw ConfigurationException.of("dns.port", config.where("dns.port"),
            "cannot use value '" + text + "': expected a port number 0-65535 (0 picks a free port)");
      }
    }
    try {
      return new DnsSettings(bind, port, zone);
    } catch (IllegalArgumentException e) {
      String key = e.getMessage().startsWith("dns.zone") ? "dns.zone" : e.getMessage().startsWith("dns.bind") ? "dns.bind" : "dns.port";
      throw ConfigurationException.of(key, config.where(key), e.getMessage());
    }
  }
}
