package io.capstan.plugins.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ServicePortName;
import org.junit.jupiter.api.Test;

/** Chain names equal kube-proxy's known values (upstream proxier_test.go and real clusters). */
class ChainNamesTest {

  @Test
  void servicePortHashesMatchKubeProxy() {
    assertThat(ChainNames.service(ServicePortName.parse("ns1/svc1:p80"), "TCP")).isEqualTo("KUBE-SVC-XPGD46QRK7WJZT7O");
    assertThat(ChainNames.service(ServicePortName.parse("default/kubernetes:https"), "TCP"))
        .isEqualTo("KUBE-SVC-NPX46M4PTMTKRN6Y");
    assertThat(ChainNames.service(ServicePortName.parse("kube-system/kube-dns:dns"), "UDP"))
        .isEqualTo("KUBE-SVC-TCOU7JCQXEZGVUNU");
    assertThat(ChainNames.external(ServicePortName.parse("ns1/svc1:p80"), "TCP")).isEqualTo("KUBE-EXT-XPGD46QRK7WJZT7O");
  }

  @Test
  void endpointHashesMatchKubeProxy() {
    assertThat(ChainNames.endpoint(ServicePortName.parse("ns1/svc1:p80"), "TCP", EndpointInfo.ready("10.180.0.1", 80, "")))
        .isEqualTo("KUBE-SEP-SXIVWICOYRO3J4NJ");
  }
}
