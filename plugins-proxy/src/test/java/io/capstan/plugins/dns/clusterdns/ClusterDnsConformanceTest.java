package io.capstan.plugins.dns.clusterdns;

import io.capstan.spi.dns.ClusterDns;
import io.capstan.tck.dns.AbstractClusterDnsConformanceTest;

/**
 * The cluster DNS kit against the {@code cluster-dns} plugin with its default settings, forwarding
 * off (no upstreams), as the kit's contract for names outside the cluster zones assumes; forwarding
 * is {@link ClusterDnsForwardingTest}'s.
 */
class ClusterDnsConformanceTest extends AbstractClusterDnsConformanceTest {

  @Override
  protected ClusterDns newDns() {
    return new ClusterDnsServer(new ClusterDnsConfig(null, null, null, java.util.List.of(), null, null));
  }
}
