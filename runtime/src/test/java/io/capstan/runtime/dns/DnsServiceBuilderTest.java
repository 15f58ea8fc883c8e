package io.capstan.runtime.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.dns.DnsEndpoint;
import io.capstan.spi.dns.DnsPort;
import io.capstan.spi.dns.DnsService;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DnsServiceBuilderTest {

  private static ServiceBuilder service(String name) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("ns1").endMetadata().withNewSpec().endSpec();
  }

  private static Endpoints endpoints(String name, boolean withNotReady) {
    EndpointsBuilder b = new EndpointsBuilder().withNewMetadata().withName(name).withNamespace("ns1").endMetadata();
    return b.addNewSubset()
        .addToAddresses(new EndpointAddressBuilder().withIp("10.244.0.5").withHostname("web-0").build(),
            new EndpointAddressBuilder().withIp("10.244.0.6").build())
        .addToNotReadyAddresses(new EndpointAddressBuilder().withIp("10.244.0.7").build())
        .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort()
        .addNewPort().withName("bad").withPort(9).withProtocol("ICMP").endPort()
        .endSubset()
        .addNewSubset()
        .addToAddresses(new EndpointAddressBuilder().withIp("10.244.0.5").withHostname("web-0").build())
        .addNewPort().withName("metrics").withPort(9090).endPort()
        .endSubset().build();
  }

  @Test
  void clusterIpServicesPublishTheirClusterIpsAndPorts() {
    Service s = service("web").editSpec().withClusterIP("10.96.0.9").withClusterIPs("10.96.0.9", "fd00::9")
        .addNewPort().withName("http").withPort(80).endPort()
        .addNewPort().withPort(53).withProtocol("UDP").endPort().endSpec().build();
    DnsService dns = DnsServiceBuilder.build(s, Optional.empty()).orElseThrow();
    assertThat(dns.type()).isEqualTo(DnsService.Type.CLUSTER_IP);
    assertThat(dns.clusterIps()).containsExactly("10.96.0.9", "fd00::9");
    assertThat(dns.ports()).containsExactly(DnsPort.tcp("http", 80), new DnsPort("", "UDP", 53));
    assertThat(dns.endpoints()).isEmpty();
  }

  @Test
  void headlessServicesPublishReadyAddressesMergedAcrossSubsets() {
    Service s = service("web").editSpec().withClusterIP("None").endSpec().build();
    DnsService dns = DnsServiceBuilder.build(s, Optional.of(endpoints("web", false))).orElseThrow();
    assertThat(dns.type()).isEqualTo(DnsService.Type.HEADLESS);
    assertThat(dns.endpoints()).containsExactly(
        new DnsEndpoint("10.244.0.5", "web-0", List.of(DnsPort.tcp("http", 8080), DnsPort.tcp("metrics", 9090))),
        new DnsEndpoint("10.244.0.6", "", List.of(DnsPort.tcp("http", 8080))));
  }

  @Test
  void publishNotReadyAddressesPublishesTheNotReadyOnesToo() {
    Service s = service("web").editSpec().withClusterIP("None").withPublishNotReadyAddresses(true).endSpec().build();
    DnsService dns = DnsServiceBuilder.build(s, Optional.of(endpoints("web", true))).orElseThrow();
    assertThat(dns.endpoints()).extracting(DnsEndpoint::ip).containsExactly("10.244.0.5", "10.244.0.6", "10.244.0.7");
  }

  @Test
  void externalNamesLoseTheirTrailingDotAndUnallocatedServicesPublishNothing() {
    DnsService ext = DnsServiceBuilder.build(service("ext").editSpec().withType("ExternalName")
        .withExternalName("db.example.com.").endSpec().build(), Optional.empty()).orElseThrow();
    assertThat(ext.type()).isEqualTo(DnsService.Type.EXTERNAL_NAME);
    assertThat(ext.externalName()).isEqualTo("db.example.com");
    assertThat(DnsServiceBuilder.build(service("pending").build(), Optional.empty())).isEmpty();
    assertThat(DnsServiceBuilder.build(service("noname").editSpec().withType("ExternalName").endSpec().build(),
        Optional.empty())).isEmpty();
  }
}
