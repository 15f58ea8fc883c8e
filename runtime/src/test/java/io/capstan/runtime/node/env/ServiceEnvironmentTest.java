package io.capstan.runtime.node.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kubelet's service environment variables, checked against Kubernetes' documented examples. */
class ServiceEnvironmentTest {

  private static Service service(String ns, String name, String clusterIp, ServicePort... ports) {
    return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withNewSpec().withClusterIP(clusterIp).withPorts(ports).endSpec().build();
  }

  private static ServicePort port(String name, int port, String protocol) {
    return new ServicePortBuilder().withName(name).withPort(port).withProtocol(protocol).build();
  }

  @Test
  void theDocumentedRedisPrimaryExample() {
    // https://kubernetes.io/docs/concepts/services-networking/service/#environment-variables
    Map<String, String> env = ServiceEnvironment.of(service("default", "redis-primary", "10.0.0.11",
        port(null, 6379, "TCP")));
    assertThat(env).containsExactly(
        entry("REDIS_PRIMARY_SERVICE_HOST", "10.0.0.11"),
        entry("REDIS_PRIMARY_SERVICE_PORT", "6379"),
        entry("REDIS_PRIMARY_PORT", "tcp://10.0.0.11:6379"),
        entry("REDIS_PRIMARY_PORT_6379_TCP", "tcp://10.0.0.11:6379"),
        entry("REDIS_PRIMARY_PORT_6379_TCP_PROTO", "tcp"),
        entry("REDIS_PRIMARY_PORT_6379_TCP_PORT", "6379"),
        entry("REDIS_PRIMARY_PORT_6379_TCP_ADDR", "10.0.0.11"));
  }

  @Test
  void namedPortsGetTheirOwnServicePortVariableAndEveryPortItsLinkVariables() {
    Map<String, String> env = ServiceEnvironment.of(service("ns", "foo-bar", "1.2.3.4",
        port("http-web", 8080, "TCP"), port("dns", 53, "UDP"), port(null, 9000, null)));
    assertThat(env).containsExactly(
        entry("FOO_BAR_SERVICE_HOST", "1.2.3.4"),
        entry("FOO_BAR_SERVICE_PORT", "8080"),
        entry("FOO_BAR_SERVICE_PORT_HTTP_WEB", "8080"),
        entry("FOO_BAR_SERVICE_PORT_DNS", "53"),
        entry("FOO_BAR_PORT", "tcp://1.2.3.4:8080"),
        entry("FOO_BAR_PORT_8080_TCP", "tcp://1.2.3.4:8080"),
        entry("FOO_BAR_PORT_8080_TCP_PROTO", "tcp"),
        entry("FOO_BAR_PORT_8080_TCP_PORT", "8080"),
        entry("FOO_BAR_PORT_8080_TCP_ADDR", "1.2.3.4"),
        entry("FOO_BAR_PORT_53_UDP", "udp://1.2.3.4:53"),
        entry("FOO_BAR_PORT_53_UDP_PROTO", "udp"),
        entry("FOO_BAR_PORT_53_UDP_PORT", "53"),
        entry("FOO_BAR_PORT_53_UDP_ADDR", "1.2.3.4"),
        entry("FOO_BAR_PORT_9000_TCP", "tcp://1.2.3.4:9000"),
        entry("FOO_BAR_PORT_9000_TCP_PROTO", "tcp"),
        entry("FOO_BAR_PORT_9000_TCP_PORT", "9000"),
        entry("FOO_BAR_PORT_9000_TCP_ADDR", "1.2.3.4"));
  }

  @Test
  void ipv6ClusterIpsAreBracketedInUrlsAsGoJoinHostPortDoes() {
    Map<String, String> env = ServiceEnvironment.of(service("ns", "v6", "fd00::10", port(null, 80, "TCP")));
    assertThat(env).containsEntry("V6_PORT", "tcp://[fd00::10]:80").containsEntry("V6_PORT_80_TCP_ADDR", "fd00::10");
  }

  @Test
  void headlessAndExternalNameServicesGiveNothing() {
    assertThat(ServiceEnvironment.of(service("ns", "headless", "None", port(null, 80, "TCP")))).isEmpty();
    assertThat(ServiceEnvironment.of(new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("ext")
        .endMetadata().withNewSpec().withType("ExternalName").withExternalName("example.com").endSpec().build()))
        .isEmpty();
  }

  private final List<Service> cluster = List.of(
      service("default", "kubernetes", "10.96.0.1", port("https", 443, "TCP")),
      service("default", "web", "10.96.0.20", port(null, 80, "TCP")),
      service("shop", "cart", "10.96.0.30", port(null, 8080, "TCP")),
      service("shop", "db", "None", port(null, 5432, "TCP")),
      service("other", "cart", "10.96.0.40", port(null, 9090, "TCP")));

  @Test
  void aPodSeesItsNamespacesServicesAndTheKubernetesService() {
    Map<String, String> env = ServiceEnvironment.forPod("shop", true, cluster);
    assertThat(env).containsEntry("KUBERNETES_SERVICE_HOST", "10.96.0.1")
        .containsEntry("KUBERNETES_SERVICE_PORT", "443")
        .containsEntry("KUBERNETES_SERVICE_PORT_HTTPS", "443")
        .containsEntry("KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1")
        .containsEntry("CART_SERVICE_HOST", "10.96.0.30")
        .containsEntry("CART_SERVICE_PORT", "8080")
        .doesNotContainKeys("WEB_SERVICE_HOST", "DB_SERVICE_HOST");
    assertThat(env.keySet()).first().isEqualTo("CART_SERVICE_HOST");
  }

  @Test
  void withoutServiceLinksOnlyTheKubernetesServiceRemains() {
    Map<String, String> env = ServiceEnvironment.forPod("shop", false, cluster);
    assertThat(env.keySet()).allMatch(k -> k.startsWith("KUBERNETES_")).contains("KUBERNETES_SERVICE_HOST");
    Map<String, String> inDefault = ServiceEnvironment.forPod("default", true, cluster);
    assertThat(inDefault).containsEntry("WEB_SERVICE_HOST", "10.96.0.20").containsKey("KUBERNETES_SERVICE_HOST");
  }

  @Test
  void enableServiceLinksDefaultsToTrue() {
    Pod unset = new PodBuilder().withNewSpec().endSpec().build();
    Pod off = new PodBuilder().withNewSpec().withEnableServiceLinks(false).endSpec().build();
    assertThat(ServiceEnvironment.enableServiceLinks(unset)).isTrue();
    assertThat(ServiceEnvironment.enableServiceLinks(off)).isFalse();
    assertThat(ServiceEnvironment.variableName("my-svc-2")).isEqualTo("MY_SVC_2");
  }
}
