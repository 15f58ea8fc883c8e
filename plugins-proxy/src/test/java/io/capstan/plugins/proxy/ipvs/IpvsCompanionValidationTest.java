package io.capstan.plugins.proxy.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capstan.spi.proxy.ProxyState;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds the rendered ipsets and nat rules to the real tools inside a throw-away network namespace:
 * ipset works on kernels without IPVS, so the companions are checked even here. Skipped, with the
 * reason, when the test cannot create namespaces or the tools are missing.
 */
class IpvsCompanionValidationTest {

  @BeforeAll
  static void needsNamespacesAndTools() throws Exception {
    String reason = Netns.unavailableReason();
    assumeTrue(reason.isEmpty(), "skipped: " + reason);
    Commands host = new Commands(List.of());
    assumeTrue(host.run(List.of("ipset", "version"), "").ok(), "skipped: ipset is not installed");
    assumeTrue(host.run(List.of("iptables-restore", "--version"), "").ok(),
        "skipped: iptables-restore is not installed");
  }

  private static RenderedIpvsState render(ProxyState state) {
    return new IpvsRenderer(new IpvsMasquerade(14, false, "10.244.0.0/16"))
        .render(IpvsModel.of(state, IpvsCases.NODE_IPS, "rr"));
  }

  @Test
  void everyCaseRestoresIntoRealIpsetsAndValidatesWithIptablesRestore() throws Exception {
    try (Netns ns = new Netns()) {
      Commands in = ns.commands();
      for (var entry : IpvsCases.all().entrySet()) {
        RenderedIpvsState rendered = render(entry.getValue());
        in.require(List.of("ipset", "restore"), rendered.ipset());
        in.require(List.of("iptables-restore", "-w", "--noflush", "--test"), rendered.iptables());
      }
    }
  }

  @Test
  void aRestoreReplacesTheEntriesOfTheLastOne() throws Exception {
    try (Netns ns = new Netns()) {
      Commands in = ns.commands();
      in.require(List.of("ipset", "restore"), render(IpvsCases.loadBalancer()).ipset());
      assertThat(in.require(List.of("ipset", "list", "KUBE-LOAD-BALANCER"), ""))
          .contains("192.168.200.1,tcp:80");
      in.require(List.of("ipset", "restore"), render(IpvsCases.clusterIpTwoEndpoints()).ipset());
      assertThat(in.require(List.of("ipset", "list", "KUBE-LOAD-BALANCER"), ""))
          .doesNotContain("192.168.200.1");
      assertThat(in.require(List.of("ipset", "list", "KUBE-CLUSTER-IP"), ""))
          .contains("10.96.0.20,tcp:80").doesNotContain("10.96.0.50");
    }
  }

  @Test
  void theNatRulesReallyApplyAndMatchTheSets() throws Exception {
    try (Netns ns = new Netns()) {
      Commands in = ns.commands();
      RenderedIpvsState rendered = render(IpvsCases.localTrafficPolicy());
      in.require(List.of("ipset", "restore"), rendered.ipset());
      in.require(List.of("iptables-restore", "-w", "--noflush"), rendered.iptables());
      String saved = in.require(List.of("iptables-save", "-t", "nat"), "");
      assertThat(saved).contains("--match-set KUBE-LOAD-BALANCER-LOCAL dst,dst")
          .contains("-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000");
    }
  }
}
