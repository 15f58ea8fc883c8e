package io.capstan.runtime.apiserver.services;

import static io.capstan.runtime.apiserver.services.ServiceClusterFixture.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.client.InvalidException;
import io.capstan.spi.store.Bytes;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.Service;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ClusterIPs and NodePorts as kube-apiserver allocates them, refuses clashes, releases and repairs them. */
class ServiceAllocationTest {

  @TempDir Path dir;
  final ReferenceStore store = ReferenceStore.create();
  ServiceClusterFixture cluster;

  @BeforeEach
  void start() throws Exception {
    store.start();
    cluster = new ServiceClusterFixture(dir, store, ServiceNetworkSettings.DEFAULTS);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
    store.close();
  }

  @Test
  void theKubernetesServiceHasTheFirstAddressAndPointsAtTheServer() {
    Service kubernetes = cluster.get("kubernetes");
    assertThat(kubernetes.getSpec().getClusterIP()).isEqualTo("10.96.0.1");
    assertThat(kubernetes.getSpec().getPorts().get(0).getPort()).isEqualTo(443);
    assertThat(kubernetes.getSpec().getPorts().get(0).getTargetPort().getIntVal())
        .isEqualTo(cluster.server.address().getPort());
  }

  @Test
  void aNewServiceGetsAnAddressAboveTheStaticBand() {
    Service web = cluster.create(service("web", "ClusterIP", null, null));
    ServiceCidr cidr = ServiceCidr.parse("10.96.0.0/12");
    long offset = cidr.offsetOf(web.getSpec().getClusterIP()).orElseThrow();
    assertThat(offset).isGreaterThanOrEqualTo(cidr.staticBand());
    assertThat(web.getSpec().getClusterIPs()).containsExactly(web.getSpec().getClusterIP());
    assertThat(web.getSpec().getIpFamilies()).containsExactly("IPv4");
    assertThat(cluster.create(service("headless", "ClusterIP", "None", null)).getSpec().getClusterIP()).isEqualTo("None");
    assertThat(cluster.create(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("ext")
        .endMetadata().withNewSpec().withType("ExternalName").withExternalName("example.com").endSpec().build())
        .getSpec().getClusterIP()).isNull();
  }

  @Test
  void aRequestedAddressIsHonouredOnceAndRefusedWhenTakenOrOutOfRange() {
    assertThat(cluster.create(service("a", "ClusterIP", "10.96.0.50", null)).getSpec().getClusterIP()).isEqualTo("10.96.0.50");
    assertThatThrownBy(() -> cluster.create(service("b", "ClusterIP", "10.96.0.50", null)))
        .isInstanceOf(InvalidException.class)
        .hasMessage("Service \"b\" is invalid: spec.clusterIPs: Invalid value: [\"10.96.0.50\"]: failed to allocate IP "
            + "10.96.0.50: provided IP is already allocated");
    assertThatThrownBy(() -> cluster.create(service("c", "ClusterIP", "192.168.0.9", null)))
        .hasMessageContaining("failed to allocate IP 192.168.0.9: the provided IP (192.168.0.9) is not in the valid range. "
            + "The range of valid IPs is 10.96.0.0/12");
    cluster.delete("a");
    await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
        assertThat(cluster.create(service("b", "ClusterIP", "10.96.0.50", null)).getSpec().getClusterIP())
            .as("released when its service was deleted").isEqualTo("10.96.0.50"));
  }

  @Test
  void nodePortsAreAllocatedHonouredAndRefused() {
    Service np = cluster.create(service("np", "NodePort", null, null));
    assertThat(np.getSpec().getPorts().get(0).getNodePort()).isBetween(30086, 32767);
    assertThat(cluster.create(service("fixed", "NodePort", null, 30080)).getSpec().getPorts().get(0).getNodePort())
        .isEqualTo(30080);
    assertThatThrownBy(() -> cluster.create(service("again", "NodePort", null, 30080)))
        .hasMessageContaining("spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated");
    assertThatThrownBy(() -> cluster.create(service("low", "NodePort", null, 8080)))
        .hasMessageContaining("provided port is not in the valid range. The range of valid ports is 30000-32767");
    assertThat(store.get(Bytes.utf8("/registry/allocations/servicenodeports/30080"))).isPresent();
    cluster.delete("fixed");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(store.get(Bytes.utf8("/registry/allocations/servicenodeports/30080"))).isEmpty());
  }

  @Test
  void aFailedCreateKeepsNothing() {
    // valid allocation, then Kubernetes' validation refuses the port: the address must not stay claimed
    Service bad = service("bad", "ClusterIP", "10.96.0.77", null);
    bad.getSpec().getPorts().get(0).setPort(70000);
    assertThatThrownBy(() -> cluster.create(bad)).isInstanceOf(InvalidException.class);
    assertThat(store.get(Bytes.utf8("/registry/allocations/serviceips/10.96.0.77"))).isEmpty();
  }

  @Test
  void restartRepairsLostAndLeakedClaims() throws Exception {
    Service kept = cluster.create(service("kept", "NodePort", null, null));
    cluster.close();
    String ip = kept.getSpec().getClusterIP();
    store.delete(Bytes.utf8("/registry/allocations/serviceips/" + ip));               // lost by a crash
    store.put(Bytes.utf8("/registry/allocations/serviceips/10.96.0.99"), Bytes.utf8("gone-uid")); // leaked
    cluster = new ServiceClusterFixture(dir, store, ServiceNetworkSettings.DEFAULTS);
    assertThat(store.get(Bytes.utf8("/registry/allocations/serviceips/" + ip))).isPresent();
    assertThat(store.get(Bytes.utf8("/registry/allocations/serviceips/10.96.0.99"))).isEmpty();
    assertThatThrownBy(() -> cluster.create(service("thief", "ClusterIP", ip, null)))
        .hasMessageContaining("provided IP is already allocated");
  }
}
