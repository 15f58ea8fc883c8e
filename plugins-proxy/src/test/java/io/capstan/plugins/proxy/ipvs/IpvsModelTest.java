package io.capstan.plugins.proxy.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.proxy.ipvs.IpvsModel.RealServer;
import io.capstan.plugins.proxy.ipvs.IpvsModel.VirtualServer;
import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceInfo;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.ServiceType;
import io.capstan.spi.proxy.SessionAffinity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Edge cases of the model beyond the golden files. */
class IpvsModelTest {

  private static ServiceInfo lb(ServicePortName name, String clusterIp, List<String> external,
      List<String> lbIps, boolean local) {
    return new ServiceInfo(name, ServiceType.LOAD_BALANCER, clusterIp, 80, "TCP", 31000,
        SessionAffinity.NONE, Duration.ZERO, external, lbIps, local);
  }

  @Test
  void anAddressUsedTwiceGetsOneVirtualServer() {
    ServicePortName a = IpvsCases.port("a", "");
    ServicePortName b = IpvsCases.port("b", "");
    ProxyState state = new ProxyState(Map.of(
        a, lb(a, "10.96.0.1", List.of("192.168.200.9"), List.of("192.168.200.9"), false),
        b, lb(b, "10.96.0.2", List.of(), List.of("192.168.200.9"), false)),
        Map.of(), IpvsCases.NODE);
    IpvsModel model = IpvsModel.of(state, List.of(), "rr");
    assertThat(model.virtualServers().stream().filter(v -> v.ip().equals("192.168.200.9")))
        .singleElement().extracting(VirtualServer::service).isEqualTo(a);
    assertThat(IpvsRenderer.ipvsadm(model).lines().filter(l -> l.startsWith("-A"))).hasSize(3);
  }

  @Test
  void localPolicyWithoutLocalEndpointsLeavesExternalServersEmptyButNotTheClusterIp() {
    ServicePortName svc = IpvsCases.port("remote", "");
    ProxyState state = new ProxyState(
        Map.of(svc, lb(svc, "10.96.0.3", List.of(), List.of("192.168.200.3"), true)),
        Map.of(svc, List.of(EndpointInfo.ready("10.244.9.9", 80, "node-z"))), IpvsCases.NODE);
    IpvsModel model = IpvsModel.of(state, IpvsCases.NODE_IPS, "rr");
    assertThat(model.virtualServers()).extracting(VirtualServer::ip, v -> v.realServers().size())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("10.96.0.3", 1),
            org.assertj.core.groups.Tuple.tuple("192.168.1.10", 0),
            org.assertj.core.groups.Tuple.tuple("192.168.200.3", 0));
    assertThat(model.sets().get("KUBE-LOOP-BACK")).isEmpty();
  }

  @Test
  void terminatingServingEndpointsAreUsedOnlyWhenNoneIsReady() {
    ServicePortName svc = IpvsCases.port("drain", "");
    EndpointInfo terminating = new EndpointInfo("10.244.0.7", 80, false, true, true, IpvsCases.NODE, "");
    ProxyState draining = new ProxyState(Map.of(svc, ServiceInfo.clusterIp(svc, "10.96.0.4", 80)),
        Map.of(svc, List.of(terminating)), IpvsCases.NODE);
    assertThat(IpvsModel.of(draining, List.of(), "rr").virtualServers().get(0).realServers())
        .containsExactly(new RealServer("10.244.0.7", 80));
    ProxyState mixed = new ProxyState(Map.of(svc, ServiceInfo.clusterIp(svc, "10.96.0.4", 80)),
        Map.of(svc, List.of(terminating, EndpointInfo.ready("10.244.0.8", 80, IpvsCases.NODE))),
        IpvsCases.NODE);
    assertThat(IpvsModel.of(mixed, List.of(), "wrr").virtualServers().get(0))
        .satisfies(v -> assertThat(v.scheduler()).isEqualTo("wrr"))
        .extracting(VirtualServer::realServers).asList()
        .containsExactly(new RealServer("10.244.0.8", 80));
  }
}
