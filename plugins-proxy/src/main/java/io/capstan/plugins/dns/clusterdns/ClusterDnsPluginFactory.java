package io.capstan.plugins.dns.clusterdns;

import com.google.inject.Module;
import io.capstan.spi.dns.ClusterDnsFactory;

/** The {@code cluster-dns} plugin: Services' DNS records over UDP and TCP, with dnsjava's wire format. */
public final class ClusterDnsPluginFactory implements ClusterDnsFactory<ClusterDnsConfig> {

  @Override
  public String name() {
    return "cluster-dns";
  }

  @Override
  public String description() {
    return "Cluster DNS as CoreDNS's kubernetes plugin: Service A/AAAA, SRV, CNAME, headless and PTR records";
  }

  @Override
  public Class<ClusterDnsConfig> configType() {
    return ClusterDnsConfig.class;
  }

  @Override
  public Module module(ClusterDnsConfig config) {
    return new ClusterDnsModule(config);
  }
}
