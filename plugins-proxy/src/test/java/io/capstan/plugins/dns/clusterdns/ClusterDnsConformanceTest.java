package io.capstan.plugins.dns.clusterdns;

import io.capstan.spi.dns.ClusterDns;
import io.capstan.tck.dns.AbstractClusterDnsConformanceTest;

/** The cluster DNS kit against the {@code cluster-dns} plugin with its default settings. */
class ClusterDnsConformanceTest extends AbstractClusterDnsConformanceTest {

  @Override
  protected ClusterDns newDns() {
    return new ClusterDnsServer(ClusterDnsConfig.defaults());
  }
}
