package io.capstan.plugins.controllers.endpointslicemirroring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.controllers.fixtures.ControllerFixture;
import io.capstan.spi.client.ListOptions;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The EndpointSliceMirroring controller against a real API server with the controller test
 * harness: the Endpoints a user writes for a selector-less Service become slices with Kubernetes'
 * labels, owner, ports and ready conditions, follow changes in place, are cut at the per-subset
 * limit and split into slices by it, and go when the Service gains a selector, the Endpoints asks
 * to skip mirroring, or the Service or the Endpoints goes.
 */
class EndpointSliceMirroringControllerTest {

  private ControllerFixture fx;

  @AfterEach
  void stop() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  private void start(int maxPerSubset) {
    fx = new ControllerFixture().start(new EndpointSliceMirroringController(new EndpointSliceMirroringConfig(maxPerSubset, null)));
  }

  private Service service(String name, Map<String, String> selector) {
    return fx.client().resources(Service.class).create(new ServiceBuilder().withNewMetadata().withName(name)
        .withNamespace("default").endMetadata().withNewSpec().withSelector(selector)
        .addNewPort().withName("pg").withPort(5432).endPort().endSpec().build());
  }

  private static EndpointSubset subset(List<String> ready, List<String> notReady) {
    return new EndpointSubsetBuilder()
        .withAddresses(ready.stream().map(ip -> new EndpointAddressBuilder().withIp(ip).withNodeName("node-1").build()).toList())
        .withNotReadyAddresses(notReady.stream().map(ip -> new EndpointAddressBuilder().withIp(ip).build()).toList())
        .addNewPort().withName("pg").withPort(5432).withProtocol("TCP").endPort().build();
  }

  private Endpoints write(String name, Map<String, String> labels, EndpointSubset... subsets) {
    Endpoints eps = new EndpointsBuilder().withNewMetadata().withName(name).withNamespace("default").withLabels(labels)
        .endMetadata().withSubsets(subsets).build();
    var resources = fx.client().resources(Endpoints.class);
    var existing = resources.get("default", name);
    if (existing.isPresent()) {
      eps.getMetadata().setResourceVersion(existing.get().getMetadata().getResourceVersion());
      return resources.update(eps);
    }
    return resources.create(eps);
  }

  private List<EndpointSlice> slices(String service) {
    return fx.client().resources(EndpointSlice.class).list(ListOptions.inNamespace("default")
        .withLabelSelector("kubernetes.io/service-name=" + service)).items().stream()
        .sorted(Comparator.comparing(s -> s.getMetadata().getName())).toList();
  }

  private List<EndpointSlice> awaitSlices(String service, Predicate<List<EndpointSlice>> condition) {
    await().atMost(Duration.ofSeconds(20)).until(() -> condition.test(slices(service)));
    fx.quiesce();
    return slices(service);
  }

  private static List<String> addresses(List<EndpointSlice> slices) {
    return slices.stream().flatMap(s -> s.getEndpoints() == null ? java.util.stream.Stream.<Endpoint>of() : s.getEndpoints().stream())
        .map(e -> e.getAddresses().get(0) + (e.getConditions().getReady() ? "" : " not-ready")).sorted().toList();
  }

  @Test
  void theWrittenEndpointsAreMirroredWithLabelsOwnerPortsAndReadinessAndFollowChangesInPlace() {
    start(1000);
    service("db", null);
    Endpoints written = write("db", Map.of("team", "data"), subset(List.of("10.0.0.7", "10.0.0.8"), List.of("10.0.0.9")));
    List<EndpointSlice> slices = awaitSlices("db", s -> addresses(s).size() == 3);
    assertThat(addresses(slices)).containsExactly("10.0.0.7", "10.0.0.8", "10.0.0.9 not-ready");
    EndpointSlice slice = slices.get(0);
    assertThat(slice.getMetadata().getName()).startsWith("db-");
    assertThat(slice.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "db")
        .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslicemirroring-controller.k8s.io")
        .containsEntry("team", "data");
    assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo("Endpoints");
      assertThat(o.getUid()).isEqualTo(written.getMetadata().getUid());
      assertThat(o.getController()).isTrue();
    });
    assertThat(slice.getAddressType()).isEqualTo("IPv4");
    assertThat(slice.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("pg");
      assertThat(p.getPort()).isEqualTo(5432);
    });
    assertThat(slice.getEndpoints().get(0).getNodeName()).isEqualTo("node-1");

    write("db", Map.of("team", "data"), subset(List.of("10.0.0.8", "10.0.0.9"), List.of()));
    List<EndpointSlice> changed = awaitSlices("db", s -> addresses(s).equals(List.of("10.0.0.8", "10.0.0.9")));
    assertThat(changed).singleElement().extracting(s -> s.getMetadata().getName()).isEqualTo(slice.getMetadata().getName());
  }

  @Test
  void subsetsAreCutAtTheLimitAndSlicesHoldAtMostThatMany() {
    start(2);
    service("db", Map.of());
    write("db", Map.of(), subset(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), List.of()),
        subset(List.of("10.0.1.1", "10.0.1.2"), List.of()), subset(List.of("fd00::1"), List.of()));
    List<EndpointSlice> slices = awaitSlices("db", s -> addresses(s).size() == 5);
    assertThat(addresses(slices)).containsExactly("10.0.0.1", "10.0.0.2", "10.0.1.1", "10.0.1.2", "fd00::1");
    assertThat(slices).hasSize(3).allSatisfy(s -> assertThat(s.getEndpoints()).hasSizeLessThanOrEqualTo(2));
    assertThat(slices).extracting(EndpointSlice::getAddressType).containsExactlyInAnyOrder("IPv4", "IPv4", "IPv6");
  }

  @Test
  void nothingIsMirroredForASelectorServiceASkipMirrorLabelOrAMissingServiceAndMirrorsGoWithThem() {
    start(1000);
    service("web", Map.of("app", "web"));
    write("web", Map.of(), subset(List.of("10.0.0.1"), List.of()));
    service("db", null);
    write("db", Map.of(), subset(List.of("10.0.0.2"), List.of()));
    awaitSlices("db", s -> s.size() == 1);
    assertThat(slices("web")).isEmpty(); // a selector Service's slices are the EndpointSlice controller's

    write("db", Map.of("endpointslice.kubernetes.io/skip-mirror", "true"), subset(List.of("10.0.0.2"), List.of()));
    awaitSlices("db", List::isEmpty);
    write("db", Map.of(), subset(List.of("10.0.0.2"), List.of()));
    awaitSlices("db", s -> s.size() == 1);

    fx.client().resources(Service.class).delete("default", "db");
    awaitSlices("db", List::isEmpty);
    service("db", null);
    awaitSlices("db", s -> s.size() == 1);
    fx.client().resources(Endpoints.class).delete("default", "db");
    awaitSlices("db", List::isEmpty);
  }
}
