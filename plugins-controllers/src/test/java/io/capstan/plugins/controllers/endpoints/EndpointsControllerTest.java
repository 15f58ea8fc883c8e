package io.capstan.plugins.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.controllers.testing.SimCluster;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EndpointsControllerTest {

  private SimCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = SimCluster.start(new EndpointsController());
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  Pod pod(String name, Map<String, String> labels, int httpPort) {
    return cluster.create(new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withLabels(labels).endMetadata()
        .withNewSpec().withNodeName("node-1").addNewContainer().withName("c").withImage("nginx")
        .addNewPort().withName("http").withContainerPort(httpPort).endPort().endContainer().endSpec().build());
  }

  Service service(String name, Map<String, String> selector, boolean publishNotReady) {
    return cluster.create(new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withSelector(selector).withPublishNotReadyAddresses(publishNotReady)
        .addNewPort().withName("web").withPort(80).withTargetPort(new IntOrString("http")).endPort().endSpec().build());
  }

  List<EndpointSubset> subsets(String name) {
    Endpoints e = cluster.require(Endpoints.class, "default", name);
    return e.getSubsets() == null ? List.of() : e.getSubsets();
  }

  static List<String> names(List<EndpointAddress> addresses) {
    return addresses == null ? List.of() : addresses.stream().map(a -> a.getTargetRef().getName()).toList();
  }

  @Test
  void readyAndNotReadyPodsWithNamedPortsResolvedPerPod() {
    service("web", Map.of("app", "web"), false);
    assertThat(subsets("web")).isEmpty();
    pod("a", Map.of("app", "web"), 8080);
    pod("b", Map.of("app", "web"), 9090);
    pod("other", Map.of("app", "db"), 8080);
    assertThat(subsets("web")).as("no IP yet").isEmpty();
    cluster.podStatus("default", "a", "Running", true);
    cluster.podStatus("default", "b", "Running", false);
    cluster.podStatus("default", "other", "Running", true);
    List<EndpointSubset> subsets = subsets("web");
    assertThat(subsets).hasSize(2);
    EndpointSubset s8080 = subsets.stream().filter(s -> s.getPorts().get(0).getPort() == 8080).findFirst().orElseThrow();
    EndpointSubset s9090 = subsets.stream().filter(s -> s.getPorts().get(0).getPort() == 9090).findFirst().orElseThrow();
    assertThat(names(s8080.getAddresses())).containsExactly("a");
    assertThat(s8080.getAddresses().get(0).getNodeName()).isEqualTo("node-1");
    assertThat(s8080.getPorts().get(0).getName()).isEqualTo("web");
    assertThat(names(s9090.getNotReadyAddresses())).containsExactly("b");
    assertThat(s9090.getAddresses()).isNullOrEmpty();

    cluster.podStatus("default", "b", "Running", true);
    assertThat(subsets("web")).allSatisfy(s -> assertThat(s.getNotReadyAddresses()).isNullOrEmpty());
    cluster.podStatus("default", "a", "Running", false);
    assertThat(subsets("web")).anySatisfy(s -> assertThat(names(s.getNotReadyAddresses())).containsExactly("a"));

    Pod relabelled = cluster.require(Pod.class, "default", "a");
    relabelled.getMetadata().setLabels(Map.of("app", "none"));
    cluster.resources(Pod.class).update(relabelled);
    cluster.settle();
    assertThat(subsets("web")).hasSize(1).allSatisfy(s -> assertThat(names(s.getAddresses())).containsExactly("b"));
    cluster.resources(Pod.class).delete("default", "b");
    cluster.settle();
    assertThat(subsets("web")).isEmpty();
    assertThat(cluster.errors()).isZero();
  }

  @Test
  void publishNotReadyAddressesListsEveryPodAsReady() {
    service("peers", Map.of("app", "db"), true);
    pod("db-0", Map.of("app", "db"), 5432);
    cluster.podStatus("default", "db-0", "Pending", false);
    assertThat(subsets("peers")).singleElement().satisfies(s -> assertThat(names(s.getAddresses())).containsExactly("db-0"));
  }

  @Test
  void servicesWithoutSelectorAreLeftAloneAndEndpointsGoWithTheirService() {
    cluster.create(new ServiceBuilder().withNewMetadata().withName("external").withNamespace("default").endMetadata()
        .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build());
    cluster.create(new EndpointsBuilder().withNewMetadata().withName("external").withNamespace("default").endMetadata()
        .addNewSubset().addNewAddress().withIp("192.0.2.1").endAddress().addNewPort().withPort(80).endPort().endSubset().build());
    assertThat(subsets("external")).singleElement().satisfies(s -> assertThat(s.getAddresses().get(0).getIp()).isEqualTo("192.0.2.1"));

    service("web", Map.of("app", "web"), false);
    Endpoints tampered = cluster.require(Endpoints.class, "default", "web");
    tampered.setSubsets(List.of(new io.fabric8.kubernetes.api.model.EndpointSubsetBuilder().addNewAddress().withIp("203.0.113.9").endAddress().build()));
    cluster.resources(Endpoints.class).update(tampered);
    cluster.settle();
    assertThat(subsets("web")).as("a selector Service's Endpoints are restored").isEmpty();
    cluster.resources(Service.class).delete("default", "web");
    cluster.settle();
    assertThat(cluster.get(Endpoints.class, "default", "web")).isEmpty();
  }

  @Test
  void endpointsWrittenBeforeTheirSelectorlessServiceAreKept() {
    // kubectl apply of a file that lists the Endpoints first: the controller must not take them for
    // leftovers of a deleted Service (a race between the Service and Endpoints watches did that)
    cluster.create(new EndpointsBuilder().withNewMetadata().withName("early").withNamespace("default").endMetadata()
        .addNewSubset().addNewAddress().withIp("192.0.2.7").endAddress().addNewPort().withPort(80).endPort().endSubset().build());
    cluster.settle();
    assertThat(cluster.get(Endpoints.class, "default", "early")).isPresent();
    cluster.create(new ServiceBuilder().withNewMetadata().withName("early").withNamespace("default").endMetadata()
        .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build());
    cluster.settle();
    assertThat(subsets("early")).singleElement().satisfies(s -> assertThat(s.getAddresses().get(0).getIp()).isEqualTo("192.0.2.7"));
  }
}
