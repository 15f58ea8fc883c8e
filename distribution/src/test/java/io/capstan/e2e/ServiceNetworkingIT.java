package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.ingress.IngressClasses;
import io.capstan.tck.ingress.NamedBackend;
import io.capstan.tck.ingress.RawHttp;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code proxy} and {@code ingress} components wired as {@code capstan up} wires them (the
 * default {@code userspace} mode and {@code builtin} controller): a Service and its Endpoints reach
 * a real backend through the service's published local port and through an Ingress.
 */
class ServiceNetworkingIT {

  @TempDir
  Path dir;

  @Test
  void aServiceIsReachableThroughTheUserspaceProxyAndTheBuiltinIngress() throws Exception {
    int ingressPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      ingressPort = socket.getLocalPort();
    }
    Path ports = dir.resolve("proxy-ports.tsv");
    try (NamedBackend backend = new NamedBackend("web");
        ControlPlane plane = new ControlPlane(dir.resolve("data"), Map.of("components", "apiserver,proxy,ingress",
            "proxy.userspace.portsFile", ports.toString(), "ingress.builtin.httpPort", Integer.toString(ingressPort),
            "ingress.builtin.httpsPort", "0",
            "proxy.minSyncPeriod", "200ms", "ingress.minSyncPeriod", "200ms"))) {
      ApiClient client = plane.kernel().injector().getInstance(ApiClient.class);
      client.resources(io.fabric8.kubernetes.api.model.Service.class).create(new ServiceBuilder()
          .withNewMetadata().withName("web").withNamespace("default").endMetadata()
          .withNewSpec().addToSelector("app", "web").addNewPort().withName("http").withPort(80).endPort().endSpec().build());
      client.resources(io.fabric8.kubernetes.api.model.Endpoints.class).create(new EndpointsBuilder()
          .withNewMetadata().withName("web").withNamespace("default").endMetadata()
          .addNewSubset().addNewAddress().withIp("127.0.0.1").endAddress()
          .addNewPort().withName("http").withPort(backend.port()).endPort().endSubset().build());
      client.resources(io.fabric8.kubernetes.api.model.networking.v1.IngressClass.class).create(new IngressClassBuilder()
          .withNewMetadata().withName("capstan").addToAnnotations(IngressClasses.DEFAULT_CLASS_ANNOTATION, "true").endMetadata()
          .withNewSpec().withController(IngressClasses.BUILTIN_CONTROLLER).endSpec().build());
      client.resources(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class).create(new IngressBuilder()
          .withNewMetadata().withName("web").withNamespace("default").endMetadata()
          .withNewSpec().addNewRule().withHost("web.example").withNewHttp().addNewPath().withPath("/")
          .withPathType("Prefix").withNewBackend().withNewService().withName("web").withNewPort().withNumber(80).endPort()
          .endService().endBackend().endPath().endHttp().endRule().endSpec().build());

      await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(ports)
          && Files.readString(ports).contains("default/web:http\t"));
      String line = Files.readAllLines(ports).stream().filter(l -> l.startsWith("default/web:http\t")).findFirst().orElseThrow();
      URI local = URI.create("http://" + line.split("\t")[2]);
      await().atMost(Duration.ofSeconds(20)).until(() -> answer(local, "any", "/a").equals("web /a"));

      URI ingress = URI.create("http://127.0.0.1:" + ingressPort);
      await().atMost(Duration.ofSeconds(20)).until(() -> answer(ingress, "web.example", "/b").equals("web /b"));
      assertThat(RawHttp.get(ingress, "other.example", "/").statusCode()).isEqualTo(404);
    }
  }

  private static String answer(URI server, String host, String path) {
    try {
      return RawHttp.get(server, host, path).body();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
