package io.capstan.spi.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyValuesTest {

  private static final ServicePortName DEMO = new ServicePortName("default", "demo", "http");

  @Test
  void servicePortNameFormatsLikeKubeProxyAndParsesBack() {
    assertThat(DEMO).hasToString("default/demo:http");
    assertThat(new ServicePortName("ns", "svc", "")).hasToString("ns/svc:");
    assertThat(ServicePortName.parse("default/demo:http")).isEqualTo(DEMO);
    assertThat(ServicePortName.parse("ns/svc:")).isEqualTo(new ServicePortName("ns", "svc", ""));
    assertThatThrownBy(() -> ServicePortName.parse("demo:http")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ipv6AddressesAreBracketed() {
    assertThat(EndpointInfo.ready("10.244.1.2", 8080, "n1").address()).isEqualTo("10.244.1.2:8080");
    assertThat(EndpointInfo.ready("fd00::1", 80, "n1").address()).isEqualTo("[fd00::1]:80");
  }

  @Test
  void serviceTypesFollowKubernetesNames() {
    assertThat(ServiceType.fromKubernetes(null)).isEqualTo(ServiceType.CLUSTER_IP);
    assertThat(ServiceType.fromKubernetes("NodePort")).isEqualTo(ServiceType.NODE_PORT);
    assertThat(ServiceType.LOAD_BALANCER.hasNodePort()).isTrue();
    assertThatThrownBy(() -> ServiceType.fromKubernetes("nodeport"))
        .hasMessageContaining("expected ClusterIP");
  }

  @Test
  void inconsistentServicesAreRejected() {
    assertThatThrownBy(() -> ServiceInfo.clusterIp(DEMO, "None", 80)).hasMessageContaining("headless");
    assertThatThrownBy(() -> new ServiceInfo(DEMO, ServiceType.NODE_PORT, "10.96.0.5", 80, "TCP", 0,
        SessionAffinity.NONE, Duration.ZERO, List.of(), List.of(), false)).hasMessageContaining("nodePort");
    assertThatThrownBy(() -> new ServiceInfo(DEMO, ServiceType.CLUSTER_IP, "10.96.0.5", 80, "TCP", 0,
        SessionAffinity.CLIENT_IP, Duration.ZERO, List.of(), List.of(), false))
        .hasMessageContaining("affinityTimeout");
    assertThatThrownBy(() -> new ServiceInfo(DEMO, ServiceType.CLUSTER_IP, "10.96.0.5", 80, "tcp", 0,
        SessionAffinity.NONE, Duration.ZERO, List.of(), List.of(), false)).hasMessageContaining("protocol");
  }

  @Test
  void usableEndpointsPreferReadyThenServingTerminating() {
    EndpointInfo ready = EndpointInfo.ready("10.0.0.1", 80, "n1");
    EndpointInfo draining = new EndpointInfo("10.0.0.2", 80, false, true, true, "n1", "");
    EndpointInfo notServing = new EndpointInfo("10.0.0.3", 80, false, false, false, "n1", "");
    ProxyState both = new ProxyState(Map.of(DEMO, ServiceInfo.clusterIp(DEMO, "10.96.0.5", 80)),
        Map.of(DEMO, List.of(ready, draining, notServing)), "n1");
    assertThat(both.usableEndpoints(DEMO)).containsExactly(ready);
    ProxyState drainingOnly = new ProxyState(both.services(), Map.of(DEMO, List.of(draining, notServing)), "n1");
    assertThat(drainingOnly.usableEndpoints(DEMO)).containsExactly(draining);
    ProxyState none = new ProxyState(both.services(), Map.of(), "n1");
    assertThat(none.usableEndpoints(DEMO)).isEmpty();
  }

  @Test
  void servicesMustBeKeyedByTheirOwnName() {
    ServicePortName other = new ServicePortName("default", "other", "http");
    assertThatThrownBy(() -> new ProxyState(Map.of(other, ServiceInfo.clusterIp(DEMO, "10.96.0.5", 80)),
        Map.of(), "n1")).isInstanceOf(IllegalArgumentException.class);
  }
}
