package io.capstan.runtime.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Node, service and endpoints rows at a fixed time, following Kubernetes' printNode/printService/printEndpoints. */
class NodeAndServicePrintersTest {

  private static final Instant NOW = PodPrinterTest.NOW;

  @Test
  void nodesShowReadinessCordonRolesAndVersions() {
    Node node = new NodeBuilder().withNewMetadata().withName("node1").withCreationTimestamp("2024-12-30T12:00:00Z")
        .addToLabels("node-role.kubernetes.io/control-plane", "").addToLabels("kubernetes.io/role", "worker")
        .addToLabels("node-role.kubernetes.io/", "ignored").endMetadata()
        .withNewSpec().withUnschedulable(true).endSpec()
        .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
        .addNewAddress().withType("InternalIP").withAddress("192.168.0.10").endAddress()
        .withNewNodeInfo().withKubeletVersion("v1.32.0").withOsImage("Ubuntu 24.04").withKernelVersion("6.8.0")
        .withContainerRuntimeVersion("capstan://simulated").endNodeInfo().endStatus().build();
    assertThat(NodePrinter.printer().cells(node, NOW)).containsExactly("node1", "Ready,SchedulingDisabled",
        "control-plane,worker", "2d", "v1.32.0", "192.168.0.10", "<none>", "Ubuntu 24.04", "6.8.0",
        "capstan://simulated");
    Node bare = new NodeBuilder().withNewMetadata().withName("n2").endMetadata().build();
    assertThat(NodePrinter.printer().cells(bare, NOW)).containsExactly("n2", "Unknown", "<none>", "<unknown>", "",
        "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>");
    Node notReady = new NodeBuilder(bare).withNewStatus().addNewCondition().withType("Ready").withStatus("Unknown")
        .endCondition().endStatus().build();
    assertThat(NodePrinter.printer().cells(notReady, NOW).get(1)).isEqualTo("NotReady");
  }

  @Test
  void servicesFormatPortsAndExternalAddressesPerType() {
    ServiceBuilder svc = new ServiceBuilder().withNewMetadata().withName("web").withCreationTimestamp(
        "2025-01-01T09:00:00Z").endMetadata().withNewSpec().withType("ClusterIP").withClusterIP("10.96.0.10")
        .withClusterIPs("10.96.0.10").withPorts(new ServicePortBuilder().withPort(80).withProtocol("TCP").build())
        .addToSelector("app", "web").endSpec();
    assertThat(ServicePrinters.service().cells(svc.build(), NOW)).containsExactly("web", "ClusterIP", "10.96.0.10",
        "<none>", "80/TCP", "3h", "app=web");
    ServiceBuilder nodePort = new ServiceBuilder(svc.build()).editSpec().withType("NodePort").withPorts(
        new ServicePortBuilder().withPort(80).withProtocol("TCP").withNodePort(30080).build(),
        new ServicePortBuilder().withPort(443).withNodePort(30443).build()).endSpec();
    assertThat(ServicePrinters.service().cells(nodePort.build(), NOW).subList(1, 5)).containsExactly("NodePort",
        "10.96.0.10", "<none>", "80:30080/TCP,443:30443/TCP");
    ServiceBuilder lb = new ServiceBuilder(svc.build()).editSpec().withType("LoadBalancer").endSpec();
    assertThat(ServicePrinters.service().cells(lb.build(), NOW).get(3)).isEqualTo("<pending>");
    assertThat(ServicePrinters.service().cells(lb.withNewStatus().withNewLoadBalancer().addNewIngress()
        .withIp("203.0.113.9").endIngress().addNewIngress().withHostname("lb.example.com").endIngress()
        .endLoadBalancer().endStatus().build(), NOW).get(3)).isEqualTo("203.0.113.9,lb.example.com");
    assertThat(ServicePrinters.service().cells(new ServiceBuilder(svc.build()).editSpec().withType("ExternalName")
        .withExternalName("db.example.com").withClusterIP(null).withClusterIPs().withPorts().withSelector(null)
        .endSpec().build(), NOW).subList(1, 7)).containsExactly("ExternalName", "<none>", "db.example.com", "<none>",
            "3h", "<none>");
    assertThat(ServicePrinters.service().cells(new ServiceBuilder(svc.build()).editSpec().withClusterIPs()
        .withExternalIPs("198.51.100.1").endSpec().build(), NOW).subList(2, 4))
        .containsExactly("10.96.0.10", "198.51.100.1");
  }

  @Test
  void endpointsShowThreeAddressesThenACount() {
    EndpointsBuilder ep = new EndpointsBuilder().withNewMetadata().withName("web").endMetadata();
    assertThat(ServicePrinters.endpoints().cells(ep.build(), NOW)).containsExactly("web", "<none>", "<unknown>");
    ep.addNewSubset().addNewAddress().withIp("10.1.0.1").endAddress().addNewAddress().withIp("10.1.0.2").endAddress()
        .addNewAddress().withIp("fd00::3").endAddress().addNewPort().withPort(8080).endPort().addNewPort()
        .withPort(8443).endPort().endSubset();
    assertThat(ServicePrinters.endpoints().cells(ep.build(), NOW).get(1))
        .isEqualTo("10.1.0.1:8080,10.1.0.2:8080,[fd00::3]:8080 + 3 more...");
    EndpointsBuilder headless = new EndpointsBuilder().withNewMetadata().withName("h").endMetadata().addNewSubset()
        .addNewAddress().withIp("10.1.0.7").endAddress().endSubset();
    assertThat(ServicePrinters.endpoints().cells(headless.build(), NOW).get(1)).isEqualTo("10.1.0.7");
  }
}
