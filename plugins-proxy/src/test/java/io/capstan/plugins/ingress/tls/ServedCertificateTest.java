package io.capstan.plugins.ingress.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.ingress.IngressBackend;
import io.capstan.spi.ingress.IngressPath;
import io.capstan.spi.ingress.IngressRule;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.ingress.IngressTls;
import io.capstan.spi.ingress.PathType;
import io.capstan.spi.ingress.TlsCertificate;
import io.capstan.tck.ingress.TestCertificates;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PEM parsing, host coverage and the per-host choice, without a server. */
class ServedCertificateTest {

  private static final TlsCertificate WILD = TestCertificates.selfSigned("wild", "*.shop.example", "shop.example");

  @Test
  void parsesAChainAndKeyAndChecksHostsLikeGoVerifyHostname() {
    ServedCertificate cert = ServedCertificate.parse(WILD);
    assertThat(cert.dnsNames()).containsExactly("*.shop.example", "shop.example");
    assertThat(cert.covers("a.shop.example")).isTrue();
    assertThat(cert.covers("SHOP.example")).isTrue();
    assertThat(cert.covers("a.b.shop.example")).isFalse(); // one label only
    assertThat(cert.covers("*.shop.example")).isTrue();     // a wildcard rule host, named literally
    assertThat(cert.covers("other.example")).isFalse();
    // without SANs the CN decides
    assertThat(ServedCertificate.parse(TestCertificates.selfSigned("cn.example")).covers("cn.example")).isTrue();
    // what is written for nginx reads back the same
    ServedCertificate again = ServedCertificate.parse(new TlsCertificate(cert.toPem(), cert.toPem(), "x"));
    assertThat(again.leaf()).isEqualTo(cert.leaf());
    assertThat(again.key().getEncoded()).isEqualTo(cert.key().getEncoded());
  }

  @Test
  void unusablePemIsRefusedWithTheReason() {
    TlsCertificate other = TestCertificates.selfSigned("other");
    assertThatThrownBy(() -> ServedCertificate.parse(new TlsCertificate(WILD.certificateChainPem(), other.privateKeyPem(), "1")))
        .hasMessageContaining("tls.key does not belong to the certificate in tls.crt");
    assertThatThrownBy(() -> ServedCertificate.parse(new TlsCertificate("not pem", WILD.privateKeyPem(), "1")))
        .hasMessageContaining("tls.crt holds no PEM CERTIFICATE block");
    assertThatThrownBy(() -> ServedCertificate.parse(new TlsCertificate(WILD.certificateChainPem(), "", "1")))
        .hasMessageContaining("tls.key holds no unencrypted PEM private key");
  }

  @Test
  void eachRuleHostGetsTheFirstUsableValidCertificateElseTheDefault() {
    ServedCertificate fallback = FakeCertificate.get();
    assertThat(fallback.commonName()).contains(FakeCertificate.COMMON_NAME);
    IngressBackend backend = new IngressBackend("default", "web", "http", List.of());
    IngressPath root = new IngressPath("/", PathType.PREFIX, backend);
    IngressState state = new IngressState(List.of(
        new IngressRule("a.shop.example", List.of(root), "default", "one"),
        new IngressRule("*.shop.example", List.of(root), "default", "one"),
        new IngressRule("elsewhere.example", List.of(root), "default", "one"),
        new IngressRule("", List.of(root), "default", "one")),
        List.of(new IngressTls(List.of("a.shop.example"), "default", "gone"),
            new IngressTls(List.of("a.shop.example", "*.shop.example", "elsewhere.example"), "default", "wild",
                Optional.of(WILD))),
        Optional.empty());
    CertificateSelection selection = new CertificateSelector(fallback).select(state);
    assertThat(selection.byHost()).containsOnlyKeys("a.shop.example", "*.shop.example"); // elsewhere: not covered
    assertThat(selection.forServerName(Optional.of("a.shop.example")).leaf()).isEqualTo(ServedCertificate.parse(WILD).leaf());
    assertThat(selection.forServerName(Optional.of("b.shop.example"))).isSameAs(selection.byHost().get("*.shop.example"));
    assertThat(selection.forServerName(Optional.of("elsewhere.example"))).isSameAs(fallback);
    assertThat(selection.forServerName(Optional.empty())).isSameAs(fallback);
  }
}
