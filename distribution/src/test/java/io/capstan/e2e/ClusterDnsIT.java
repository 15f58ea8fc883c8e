package io.capstan.e2e;

import static io.capstan.tck.dns.DnsQueries.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.dns.DnsHost;
import io.capstan.spi.client.ApiClient;
import io.capstan.tck.dns.DnsQueries;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * The {@code dns} component wired as {@code capstan up} wires it: the {@code cluster-dns} plugin
 * selected by the defaults, listening where {@code dns.port} says, answering for Services created
 * through the API.
 */
class ClusterDnsIT {

  @TempDir
  Path dir;

  @Test
  void theDnsComponentAnswersForServicesCreatedThroughTheApi() throws Exception {
    try (ControlPlane plane = new ControlPlane(dir.resolve("data"), Map.of("components", "apiserver,dns", "dns.port", "0"))) {
      DnsHost host = plane.kernel().injector().getInstance(DnsHost.class);
      assertThat(host.addresses()).hasSize(1);
      DnsQueries query = new DnsQueries(host.addresses().get(0));
      await().atMost(Duration.ofSeconds(20)).until(() -> data(query.udp("kubernetes.default.svc.cluster.local", Type.A)),
          a -> a.equals(List.of("10.96.0.1")));

      ApiClient client = plane.kernel().injector().getInstance(ApiClient.class);
      Service web = client.resources(Service.class).create(new ServiceBuilder()
          .withNewMetadata().withName("web").withNamespace("default").endMetadata()
          .withNewSpec().addToSelector("app", "web").addNewPort().withName("http").withPort(80).endPort().endSpec().build());
      await().atMost(Duration.ofSeconds(20)).until(() -> data(query.tcp("web.default.svc.cluster.local", Type.A)),
          a -> a.equals(List.of(web.getSpec().getClusterIP())));
    }
  }
}
