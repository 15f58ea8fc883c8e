package io.capstan.plugins.controllers.endpointslice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.controllers.fixtures.ControllerFixture;
import io.capstan.spi.client.ListOptions;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The EndpointSlice controller against a real API server with the controller test harness: slices
 * mirror the selected pods with Kubernetes' labels, owner, ports and ready/serving/terminating
 * conditions, hold at most {@code maxEndpointsPerSlice} endpoints, keep endpoints where they are on
 * churn, keep one placeholder for a Service without endpoints, and go with their Service.
 */
class EndpointSliceControllerTest {

  private ControllerFixture fx;

  @AfterEach
  void stop() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  private void start(int maxPerSlice) {
    fx = new ControllerFixture().start(new EndpointSliceController(new EndpointSliceConfig(maxPerSlice, null)));
  }

  private Service service(String name, Map<String, String> selector) {
    return fx.client().resources(Service.class).create(new ServiceBuilder().withNewMetadata().withName(name)
        .withNamespace("default").addToLabels("team", "shop").endMetadata().withNewSpec().withSelector(selector)
        .addNewPort().withName("web").withPort(80).withTargetPort(new IntOrString("http")).endPort().endSpec().build());
  }

  /** A pod with a named port, bound, with an IP and the given readiness (the test plays the kubelet). */
  private Pod pod(String name, String ip, boolean ready) {
    Pod pod = fx.client().resources(Pod.class).create(new PodBuilder().withNewMetadata().withName(name)
        .withNamespace("default").addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("c")
        .withImage("nginx").addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec().build());
    Pod bound = fx.cp.bind("default", name, "node-1");
    return fx.client().resources(Pod.class).updateStatus(new PodBuilder(bound).withNewStatus().withPhase("Running")
        .withPodIP(ip).addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus().build());
  }

  private List<EndpointSlice> slices(String service) {
    return fx.client().resources(EndpointSlice.class).list(ListOptions.inNamespace("default")
        .withLabelSelector("kubernetes.io/service-name=" + service)).items();
  }

  private List<EndpointSlice> awaitSlices(String service, Predicate<List<EndpointSlice>> condition) {
    await().atMost(Duration.ofSeconds(20)).until(() -> condition.test(slices(service)));
    fx.quiesce();
    return slices(service);
  }

  private static List<Endpoint> endpoints(List<EndpointSlice> slices) {
    return slices.stream().flatMap(s -> s.getEndpoints() == null ? java.util.stream.Stream.of()
        : s.getEndpoints().stream()).toList();
  }

  private static Endpoint endpoint(List<EndpointSlice> slices, String pod) {
    return endpoints(slices).stream().filter(e -> e.getTargetRef().getName().equals(pod)).findFirst().orElseThrow();
  }

  @Test
  void slicesMirrorThePodsWithConditionsLabelsOwnerAndPorts() {
    start(100);
    Service web = service("web", Map.of("app", "web"));
    // no endpoints yet: one empty placeholder slice
    EndpointSlice placeholder = awaitSlices("web", s -> s.size() == 1).get(0);
    assertThat(placeholder.getEndpoints()).isNullOrEmpty();
    assertThat(placeholder.getPorts()).isNullOrEmpty();

    pod("a", "10.244.1.10", true);
    pod("b", "10.244.1.11", false);
    List<EndpointSlice> slices = awaitSlices("web", s -> endpoints(s).size() == 2);
    assertThat(slices).singleElement().satisfies(slice -> {
      assertThat(slice.getMetadata().getName()).startsWith("web-");
      assertThat(slice.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "web")
          .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
          .containsEntry("team", "shop");
      assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
        assertThat(o.getKind()).isEqualTo("Service");
        assertThat(o.getUid()).isEqualTo(web.getMetadata().getUid());
        assertThat(o.getController()).isTrue();
      });
      assertThat(slice.getAddressType()).isEqualTo("IPv4");
      assertThat(slice.getPorts()).singleElement().satisfies(p -> {
        assertThat(p.getName()).isEqualTo("web");
        assertThat(p.getPort()).isEqualTo(8080);
        assertThat(p.getProtocol()).isEqualTo("TCP");
      });
    });
    Endpoint a = endpoint(slices, "a");
    assertThat(a.getAddresses()).containsExactly("10.244.1.10");
    assertThat(a.getNodeName()).isEqualTo("node-1");
    assertThat(List.of(a.getConditions().getReady(), a.getConditions().getServing(), a.getConditions().getTerminating()))
        .containsExactly(true, true, false);
    Endpoint b = endpoint(slices, "b");
    assertThat(List.of(b.getConditions().getReady(), b.getConditions().getServing(), b.getConditions().getTerminating()))
        .containsExactly(false, false, false);

    // a bound pod being deleted stays, terminating: still serving, no longer ready
    fx.client().resources(Pod.class).delete("default", "a");
    slices = awaitSlices("web", s -> endpoints(s).stream().anyMatch(e -> Boolean.TRUE.equals(e.getConditions().getTerminating())));
    a = endpoint(slices, "a");
    assertThat(List.of(a.getConditions().getReady(), a.getConditions().getServing(), a.getConditions().getTerminating()))
        .containsExactly(false, true, true);
  }

  @Test
  void atMostMaxEndpointsPerSliceAndEndpointsStayInTheirSliceOnChurn() {
    start(10);
    service("web", Map.of("app", "web"));
    for (int i = 0; i < 25; i++) {
      pod("p" + i, "10.244.2." + (i + 1), true);
    }
    List<EndpointSlice> slices = awaitSlices("web", s -> endpoints(s).size() == 25);
    assertThat(slices).hasSize(3).allSatisfy(s -> assertThat(s.getEndpoints()).hasSizeLessThanOrEqualTo(10));
    Map<String, String> sliceOf = new java.util.HashMap<>();
    slices.forEach(s -> s.getEndpoints().forEach(e -> sliceOf.put(e.getTargetRef().getName(), s.getMetadata().getName())));

    for (int i = 0; i < 12; i++) {
      fx.client().resources(Pod.class).delete("default", "p" + i, io.capstan.spi.client.DeleteOptions.DEFAULTS.withGracePeriodSeconds(0));
    }
    slices = awaitSlices("web", s -> endpoints(s).size() == 13);
    assertThat(endpoints(slices).stream().map(e -> e.getTargetRef().getName()).distinct()).hasSize(13);
    assertThat(slices).allSatisfy(s -> assertThat(s.getEndpoints()).isNotEmpty().hasSizeLessThanOrEqualTo(10));
    slices.forEach(s -> s.getEndpoints().forEach(e ->
        assertThat(sliceOf.get(e.getTargetRef().getName())).as("slice of %s", e.getTargetRef().getName())
            .isEqualTo(s.getMetadata().getName())));
  }

  @Test
  void slicesGoWithTheirServiceAndOthersSlicesAreLeftAlone() {
    start(100);
    service("web", Map.of("app", "web"));
    pod("a", "10.244.3.1", true);
    awaitSlices("web", s -> endpoints(s).size() == 1);
    fx.client().resources(EndpointSlice.class).create(new EndpointSliceBuilder().withNewMetadata().withName("web-manual")
        .withNamespace("default").addToLabels("kubernetes.io/service-name", "web")
        .addToLabels("endpointslice.kubernetes.io/managed-by", "someone-else").endMetadata().withAddressType("IPv4")
        .addNewEndpoint().withAddresses("192.0.2.7").endEndpoint().build());
    fx.client().resources(Service.class).create(new ServiceBuilder().withNewMetadata().withName("external")
        .withNamespace("default").endMetadata().withNewSpec().addNewPort().withPort(80).endPort().endSpec().build());

    fx.client().resources(Service.class).delete("default", "web");
    awaitSlices("web", s -> s.size() == 1);
    assertThat(slices("web")).singleElement().satisfies(s -> assertThat(s.getMetadata().getName()).isEqualTo("web-manual"));
    assertThat(slices("external")).as("a Service without a selector gets no slices").isEmpty();
  }
}
