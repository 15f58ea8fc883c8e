package io.capstan.plugins.proxy.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capstan.spi.proxy.ProxyState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy as the host drives it: start, sync, close; dry run here, applied where IPVS exists. */
class IpvsProxyTest {

  @TempDir
  Path dir;

  private IpvsProxyConfig config(boolean dryRun, List<String> prefix) {
    return new IpvsProxyConfig(dir.toString(), "rr", IpvsCases.NODE_IPS, "10.244.0.0/16", null,
        null, dryRun, prefix);
  }

  @Test
  void withoutIpvsTheProxySaysSoAtStartAndWritesTheRenderedState() throws Exception {
    IpvsProxy proxy = new IpvsProxy(config(false, List.of()));
    proxy.start();
    IpvsSupport support = proxy.support();
    if (Files.exists(Path.of("/proc/net/ip_vs"))) {
      // a kernel with IPVS: the probe may still refuse (no root, no ipvsadm), then with a reason
      assertThat(support.available() || !support.reason().isEmpty()).isTrue();
      return;
    }
    assertThat(support.available()).isFalse();
    assertThat(support.reason()).startsWith("IPVS is unavailable in this kernel")
        .contains("/proc/net/ip_vs");
    ProxyState state = IpvsCases.loadBalancer();
    proxy.sync(state);
    assertThat(Files.readString(dir.resolve(RenderedIpvsState.IPVSADM_FILE)))
        .contains("-A -t 192.168.200.1:80 -s rr")
        .contains("-a -t 192.168.200.1:80 -r 10.244.1.14:80 -m -w 1");
    assertThat(Files.readString(dir.resolve(RenderedIpvsState.IPSET_FILE)))
        .contains("add KUBE-LOAD-BALANCER 192.168.200.1,tcp:80");
    assertThat(Files.readString(dir.resolve(RenderedIpvsState.DUMMY_FILE)))
        .contains("address replace 192.168.200.1/32 dev kube-ipvs0");
    proxy.sync(ProxyState.empty(IpvsCases.NODE));
    assertThat(Files.readString(dir.resolve(RenderedIpvsState.IPVSADM_FILE))).isEmpty();
    assertThat(proxy.lastRendered()).isPresent();
    proxy.close();
  }

  @Test
  void inANamespaceWithoutIpvsTheProbeReportsIpvsadmsOwnError() throws Exception {
    String reason = Netns.unavailableReason();
    assumeTrue(reason.isEmpty(), "skipped: " + reason);
    assumeTrue(new Commands(List.of()).run(List.of("ipvsadm", "--version"), "").exitCode() != 127,
        "skipped: ipvsadm is not installed");
    try (Netns ns = new Netns()) {
      IpvsProxy proxy = new IpvsProxy(config(false, ns.prefix()));
      proxy.start();
      if (proxy.support().available()) {
        applyAndCheck(proxy, ns);
        return;
      }
      assertThat(proxy.support().reason()).startsWith("IPVS is unavailable")
          .contains("ipvsadm -Ln");
      proxy.sync(IpvsCases.clusterIpTwoEndpoints());
      assertThat(dir.resolve(RenderedIpvsState.IPVSADM_FILE)).exists();
      // nothing was programmed: the namespace has no kube-proxy sets
      assertThat(ns.commands().run(List.of("ipset", "list", "KUBE-CLUSTER-IP"), "").ok()).isFalse();
    }
  }

  /** The apply path, on a kernel with IPVS: state lands in the kernel and follows changes. */
  private void applyAndCheck(IpvsProxy proxy, Netns ns) throws Exception {
    proxy.sync(IpvsCases.clientIpAffinity());
    String saved = ns.commands().require(List.of("ipvsadm-save", "-n"), "");
    assertThat(saved).contains("-A -t 10.96.0.40:443 -s rr -p 10800")
        .contains("-a -t 10.96.0.40:443 -r 10.244.0.11:8443 -m -w 1");
    proxy.sync(IpvsCases.clusterIpTwoEndpoints());
    saved = ns.commands().require(List.of("ipvsadm-save", "-n"), "");
    assertThat(saved).contains("-A -t 10.96.0.20:80 -s rr").doesNotContain("10.96.0.40");
    assertThat(ns.commands().require(List.of("ip", "-o", "address", "show", "dev", "kube-ipvs0"),
        "")).contains("10.96.0.20/32").doesNotContain("10.96.0.40");
  }

  @Test
  void aConfiguredDryRunNeverProbesAndSaysWhy() throws Exception {
    IpvsProxy proxy = new IpvsProxy(config(true, List.of("/no/such/prefix")));
    proxy.start();
    assertThat(proxy.support().available()).isFalse();
    assertThat(proxy.support().reason()).contains("dryRun");
    proxy.sync(IpvsCases.noEndpoints());
    assertThat(Files.readString(dir.resolve(RenderedIpvsState.IPVSADM_FILE)))
        .isEqualTo("-A -t 10.96.0.60:8080 -s rr\n");
  }

  @Test
  void badSettingsAreRefusedWithWhatToFix() {
    assertThatThrownBy(() -> new IpvsProxyConfig(null, "roundrobin", null, null, null, null, null,
        null)).hasMessageContaining("proxy.ipvs.scheduler 'roundrobin'").hasMessageContaining("wrr");
    assertThatThrownBy(() -> new IpvsProxyConfig(null, null, null, null, null, 40, null, null))
        .hasMessageContaining("masqueradeBit must be 0-31");
  }
}
