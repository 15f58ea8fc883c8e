package io.capstan.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.ServiceType;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyStateBuilderTest {

  private static final Endpoints EPS = new EndpointsBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
      .addNewSubset().addNewAddress().withIp("10.1.0.1").endAddress()
      .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort()
      .addNewPort().withName("dns").withPort(53).withProtocol("UDP").endPort()
      .endSubset().build();

  private static ProxyState build(Service service) {
    return ProxyStateBuilder.build(List.of(service),
        (ns, name) -> name.equals("web") ? Optional.of(EPS) : Optional.empty(), "n1");
  }

  @Test
  void eachPortTakesTheEndpointPortOfItsNameAndProtocol() {
    Service svc = ProxyCluster.service("web").editMetadata().withNamespace("default").endMetadata().editSpec()
        .withClusterIP("10.96.0.10").withType("NodePort")
        .addNewPort().withName("http").withPort(80).withNodePort(30080).withProtocol("TCP").endPort()
        .addNewPort().withName("dns").withPort(53).withNodePort(30053).withProtocol("UDP").endPort()
        .addNewPort().withName("metrics").withPort(9090).withNodePort(30090).withProtocol("TCP").endPort()
        .withSessionAffinity("ClientIP").withNewSessionAffinityConfig().withNewClientIP().withTimeoutSeconds(60)
        .endClientIP().endSessionAffinityConfig().endSpec().build();
    ProxyState state = build(svc);
    ServicePortName http = new ServicePortName("default", "web", "http");
    ServicePortName dns = new ServicePortName("default", "web", "dns");
    ServicePortName metrics = new ServicePortName("default", "web", "metrics");
    assertThat(state.services()).containsOnlyKeys(http, dns, metrics);
    ServiceInfo info = state.services().get(http);
    assertThat(info.type()).isEqualTo(ServiceType.NODE_PORT);
    assertThat(info.nodePort()).isEqualTo(30080);
    assertThat(info.affinityTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(state.endpointsOf(http)).singleElement().satisfies(e -> assertThat(e.port()).isEqualTo(8080));
    assertThat(state.endpointsOf(dns)).singleElement().satisfies(e -> assertThat(e.port()).isEqualTo(53));
    assertThat(state.endpointsOf(metrics)).isEmpty();
  }

  @Test
  void headlessAndExternalNameServicesAreNotProxied() {
    Service headless = ProxyCluster.service("web").editSpec().withClusterIP("None")
        .addNewPort().withName("http").withPort(80).endPort().endSpec().build();
    Service external = ProxyCluster.service("web").editSpec().withType("ExternalName").withExternalName("a.example")
        .addNewPort().withName("http").withPort(80).endPort().endSpec().build();
    assertThat(build(headless).services()).isEmpty();
    assertThat(build(external).services()).isEmpty();
  }
}
