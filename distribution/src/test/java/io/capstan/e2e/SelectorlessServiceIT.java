package io.capstan.e2e;

import static io.capstan.tck.dns.DnsQueries.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.dns.DnsHost;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ListOptions;
import io.capstan.tck.dns.DnsQueries;
import io.capstan.tck.ingress.NamedBackend;
import io.capstan.tck.ingress.RawHttp;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * Services without a selector, as Kubernetes serves them: their endpoints come from an Endpoints
 * object the user writes. With the controller manager running (whose endpoints and EndpointSlice
 * controllers leave such Services alone), the userspace proxy forwards to the written addresses
 * and cluster DNS answers the Service's ClusterIP, or for a headless one the written addresses; the
 * EndpointSliceMirroring controller mirrors the written Endpoints into an EndpointSlice.
 */
class SelectorlessServiceIT {

  @TempDir
  Path dir;

  @Test
  void aServiceWithoutSelectorServesTheEndpointsTheUserWrote() throws Exception {
    Path ports = dir.resolve("proxy-ports.tsv");
    try (NamedBackend backend = new NamedBackend("db");
        ControlPlane plane = new ControlPlane(dir.resolve("data"), Map.of("components", "apiserver,controller-manager,proxy,dns",
            "proxy.userspace.portsFile", ports.toString(), "proxy.minSyncPeriod", "200ms", "dns.port", "0"))) {
      ApiClient client = plane.kernel().injector().getInstance(ApiClient.class);
      Service db = client.resources(Service.class).create(new ServiceBuilder()
          .withNewMetadata().withName("db").withNamespace("default").endMetadata()
          .withNewSpec().addNewPort().withName("http").withPort(80).endPort().endSpec().build());
      client.resources(Endpoints.class).create(new EndpointsBuilder()
          .withNewMetadata().withName("db").withNamespace("default").endMetadata()
          .addNewSubset().addNewAddress().withIp("127.0.0.1").endAddress()
          .addNewPort().withName("http").withPort(backend.port()).endPort().endSubset().build());
      client.resources(Service.class).create(new ServiceBuilder()
          .withNewMetadata().withName("legacy").withNamespace("default").endMetadata()
          .withNewSpec().withClusterIP("None").addNewPort().withName("pg").withPort(5432).endPort().endSpec().build());
      client.resources(Endpoints.class).create(new EndpointsBuilder()
          .withNewMetadata().withName("legacy").withNamespace("default").endMetadata()
          .addNewSubset().addNewAddress().withIp("10.0.0.7").endAddress().addNewAddress().withIp("10.0.0.8").endAddress()
          .addNewPort().withName("pg").withPort(5432).endPort().endSubset().build());

      await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(ports)
          && Files.readString(ports).contains("default/db:http\t"));
      String line = Files.readAllLines(ports).stream().filter(l -> l.startsWith("default/db:http\t")).findFirst().orElseThrow();
      URI local = URI.create("http://" + line.split("\t")[2]);
      // the message says what the proxy had (a full run once timed out here; isolated runs never did)
      await().atMost(Duration.ofSeconds(20)).alias("db through the userspace proxy (what the proxy had: stderr)")
          .conditionEvaluationListener(condition -> {
            if (condition.getRemainingTimeInMS() <= condition.getPollInterval().toMillis()) {
              System.err.println("SelectorlessServiceIT: answer=" + answer(local, "/orders") + " proxyState="
                  + plane.kernel().injector().getInstance(io.capstan.runtime.proxy.ProxyHost.class).lastState()
                  + " endpoints=" + client.resources(Endpoints.class).get("default", "db"));
            }
          }).until(() -> answer(local, "/orders").equals("db /orders"));

      DnsQueries dns = new DnsQueries(plane.kernel().injector().getInstance(DnsHost.class).addresses().get(0));
      await().atMost(Duration.ofSeconds(20)).until(() -> data(dns.udp("db.default.svc.cluster.local", Type.A)),
          a -> a.equals(List.of(db.getSpec().getClusterIP())));
      await().atMost(Duration.ofSeconds(20)).until(() -> data(dns.udp("legacy.default.svc.cluster.local", Type.A)).stream()
          .sorted().toList(), a -> a.equals(List.of("10.0.0.7", "10.0.0.8")));

      // the controllers never took the user's Endpoints over: still the written address, still served
      Endpoints written = client.resources(Endpoints.class).get("default", "db").orElseThrow();
      assertThat(written.getSubsets().get(0).getAddresses().get(0).getIp()).isEqualTo("127.0.0.1");
      assertThat(written.getSubsets().get(0).getPorts().get(0).getPort()).isEqualTo(backend.port());
      assertThat(answer(local, "/again")).isEqualTo("db /again");

      // and the EndpointSliceMirroring controller mirrors the written Endpoints into a slice
      await().atMost(Duration.ofSeconds(20)).until(() -> client.resources(EndpointSlice.class)
          .list(ListOptions.inNamespace("default").withLabelSelector("kubernetes.io/service-name=db")).items(),
          slices -> slices.size() == 1 && "endpointslicemirroring-controller.k8s.io".equals(
              slices.get(0).getMetadata().getLabels().get("endpointslice.kubernetes.io/managed-by"))
              && slices.get(0).getEndpoints() != null && slices.get(0).getEndpoints().size() == 1
              && slices.get(0).getEndpoints().get(0).getAddresses().equals(List.of("127.0.0.1")));
    }
  }

  private static String answer(URI server, String path) {
    try {
      return RawHttp.get(server, "db", path).body();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
