package io.capstan.plugins.controllers.servicelb;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.controllers.testing.SimCluster;
import io.capstan.spi.controller.EventType;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The allocator against a real in-process API server (SimCluster: memory store, informers). */
class ServiceLbControllerTest {

  private SimCluster cluster;

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static ServiceLbController controller(String... pools) {
    return new ServiceLbController(new ServiceLbConfig(List.of(pools), null, null));
  }

  static Service lb(String name, String requestedIp, String lbClass) {
    return new ServiceBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
        .withNewSpec().withType("LoadBalancer").withLoadBalancerIP(requestedIp)
        .withLoadBalancerClass(lbClass).withSelector(java.util.Map.of("app", name))
        .addNewPort().withPort(80).withProtocol("TCP").endPort().endSpec().build();
  }

  private List<String> ips(String name) {
    return ServiceLbController.ingressIps(cluster.require(Service.class, "default", name));
  }

  private long failures(String name) {
    return cluster.events().stream().filter(e -> e.name().equals(name))
        .filter(e -> e.reason().equals("AllocationFailed") && e.type() == EventType.WARNING).count();
  }

  @Test
  void eachLoadBalancerServiceGetsItsOwnAddressInStatus() throws Exception {
    cluster = SimCluster.start(controller("192.168.200.0/30"));
    cluster.create(lb("a", null, null));
    cluster.create(lb("b", null, null));
    assertThat(ips("a")).containsExactly("192.168.200.1");
    assertThat(ips("b")).containsExactly("192.168.200.2");
    assertThat(cluster.events()).anyMatch(e -> e.name().equals("a") && e.reason().equals("IPAllocated"));
  }

  @Test
  void aFreeRequestedAddressIsHonouredAndATakenOneIsRefusedWithAnEvent() throws Exception {
    cluster = SimCluster.start(controller("192.168.200.10-192.168.200.20"));
    cluster.create(lb("first", "192.168.200.15", null));
    assertThat(ips("first")).containsExactly("192.168.200.15");
    cluster.create(lb("second", "192.168.200.15", null));
    assertThat(ips("second")).isEmpty();
    assertThat(failures("second")).isPositive();
    assertThat(cluster.events()).anyMatch(e -> e.name().equals("second")
        && e.message().contains("192.168.200.15 is already assigned to default/first"));
    cluster.create(lb("outside", "10.1.2.3", null));
    assertThat(ips("outside")).isEmpty();
    assertThat(cluster.events()).anyMatch(e -> e.name().equals("outside")
        && e.message().contains("not in any pool"));
    cluster.resources(Service.class).delete("default", "first");
    cluster.settle();
    cluster.advance(Duration.ofSeconds(30));
    assertThat(ips("second")).containsExactly("192.168.200.15");
  }

  @Test
  void anExhaustedPoolRecordsAllocationFailedAndRetriesWhenAnAddressIsFreed() throws Exception {
    cluster = SimCluster.start(controller("192.168.200.4/31"));
    cluster.create(lb("one", null, null));
    cluster.create(lb("two", null, null));
    cluster.create(lb("three", null, null));
    assertThat(ips("one")).containsExactly("192.168.200.4");
    assertThat(ips("two")).containsExactly("192.168.200.5");
    assertThat(ips("three")).isEmpty();
    assertThat(failures("three")).isPositive();
    cluster.resources(Service.class).delete("default", "one");
    cluster.settle();
    cluster.advance(Duration.ofSeconds(30));
    assertThat(ips("three")).containsExactly("192.168.200.4");
  }

  @Test
  void changingTheTypeReleasesAndClearsTheAddress() throws Exception {
    cluster = SimCluster.start(controller("192.168.200.0/30"));
    cluster.create(lb("svc", null, null));
    assertThat(ips("svc")).containsExactly("192.168.200.1");
    Service current = cluster.require(Service.class, "default", "svc");
    current.getSpec().setType("ClusterIP");
    current.getSpec().setLoadBalancerIP(null);
    cluster.resources(Service.class).update(current);
    cluster.settle();
    assertThat(ips("svc")).isEmpty();
    cluster.create(lb("next", null, null));
    assertThat(ips("next")).containsExactly("192.168.200.1");
  }

  @Test
  void withoutPoolsNothingIsAssignedAndTheEventSaysWhatToSet() throws Exception {
    cluster = SimCluster.start(new ServiceLbController(new ServiceLbConfig(null, null, null)));
    cluster.create(lb("pending", null, null));
    assertThat(ips("pending")).isEmpty();
    assertThat(cluster.events()).anyMatch(e -> e.name().equals("pending")
        && e.reason().equals("AllocationFailed") && e.message().contains("controllers.service-lb.pools"));
  }

  @Test
  void aTypeChangeWhileTheControllerWasDownIsCleanedUpAfterTheRestart() throws Exception {
    cluster = SimCluster.start(controller("192.168.200.0/30"));
    cluster.create(lb("svc", null, null));
    assertThat(ips("svc")).containsExactly("192.168.200.1");
    cluster.restart();
    Service current = cluster.require(Service.class, "default", "svc");
    current.getSpec().setType("NodePort");
    cluster.resources(Service.class).update(current);
    cluster.settle();
    assertThat(ips("svc")).containsExactly("192.168.200.1");
    cluster.restart(controller("192.168.200.0/30"));
    assertThat(ips("svc")).isEmpty();
  }

  @Test
  void servicesOfAnotherLoadBalancerClassAreLeftAlone() throws Exception {
    cluster = SimCluster.start(controller("192.168.200.0/30"));
    cluster.create(lb("cloud", null, "example.com/cloud-lb"));
    cluster.create(lb("mine", null, null));
    assertThat(ips("cloud")).isEmpty();
    assertThat(ips("mine")).containsExactly("192.168.200.1");
    cluster.run(new ServiceLbController(new ServiceLbConfig(List.of("10.0.0.0/30"),
        "example.com/cloud-lb", null)));
    assertThat(ips("cloud")).containsExactly("10.0.0.1");
    assertThat(ips("mine")).containsExactly("192.168.200.1");
  }

  @Test
  void aRestartRecomputesTheTableFromStoredStatusesAndNeverHandsAnAddressOutTwice() throws Exception {
    cluster = SimCluster.start(controller("192.168.200.0/29"));
    cluster.create(lb("a", null, null));
    cluster.create(lb("b", null, null));
    cluster.resources(Service.class).delete("default", "a");
    cluster.settle();
    cluster.restart(controller("192.168.200.0/29"));
    cluster.create(lb("c", null, null));
    cluster.create(lb("d", null, null));
    assertThat(ips("b")).containsExactly("192.168.200.2");
    assertThat(ips("c")).containsExactly("192.168.200.1");
    assertThat(ips("d")).containsExactly("192.168.200.3");
  }
}
