package io.capstan.plugins.ingress.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.proxy.userspace.ApiFixture;
import io.capstan.runtime.ingress.IngressHost;
import io.capstan.spi.ingress.IngressClasses;
import io.capstan.tck.ingress.NamedBackend;
import io.capstan.tck.ingress.RawHttp;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingress, IngressClass, Service and Endpoints objects in an in-process API server, the ingress
 * host and the builtin controller, and real backends: class selection, the default class and live
 * updates as {@code capstan up} wires them.
 */
class BuiltinIngressEndToEndTest {

  @TempDir
  Path dir;

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    closing.add(resource);
    return resource;
  }

  private static IngressClass ingressClass(String name, String controller, boolean isDefault) {
    IngressClassBuilder b = new IngressClassBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withController(controller).endSpec();
    if (isDefault) {
      b.editMetadata().addToAnnotations(IngressClasses.DEFAULT_CLASS_ANNOTATION, "true").endMetadata();
    }
    return b.build();
  }

  private static Ingress ingress(String name, String className, String host, String service) {
    return new IngressBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withIngressClassName(className).addNewRule().withHost(host).withNewHttp()
        .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService().withName(service)
        .withNewPort().withName("http").endPort().endService().endBackend().endPath()
        .endHttp().endRule().endSpec().build();
  }

  @Test
  void servesTheIngressesOfItsClassAndTheDefaultClassLive() throws Exception {
    ApiFixture api = closeLater(new ApiFixture(dir));
    NamedBackend a = closeLater(new NamedBackend("a"));
    NamedBackend b = closeLater(new NamedBackend("b"));
    BuiltinIngressController controller = closeLater(
        new BuiltinIngressController(new BuiltinIngressConfig("127.0.0.1", 0, 0, null, null, 16)));
    controller.start();
    IngressHost host = closeLater(new IngressHost(api.informers, controller, api.clock, api.executor,
        Duration.ofMillis(100), Duration.ofSeconds(30)));
    host.start();
    api.informers.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> host.syncCount() > 0); // the listener opens on the first sync
    URI http = controller.httpAddress();

    for (String svc : List.of("svc-a", "svc-b")) {
      api.create(ApiFixture.service(svc).editSpec().addNewPort().withName("http").withPort(80).endPort().endSpec().build());
    }
    api.endpoints("svc-a", "http", a.port(), List.of("127.0.0.1"), List.of());
    api.endpoints("svc-b", "http", b.port(), List.of("127.0.0.1"), List.of());
    var classes = api.client.resources(IngressClass.class);
    classes.create(ingressClass("capstan", IngressClasses.BUILTIN_CONTROLLER, false));
    classes.create(ingressClass("other", "example.com/other", false));
    var ingresses = api.client.resources(Ingress.class);
    ingresses.create(ingress("mine", "capstan", "a.example", "svc-a"));
    ingresses.create(ingress("theirs", "other", "b.example", "svc-b"));
    Ingress classless = ingress("classless", null, "c.example", "svc-b");
    ingresses.create(classless);

    await().atMost(Duration.ofSeconds(10)).until(() -> status(http, "a.example") == 200);
    assertThat(RawHttp.get(http, "a.example", "/x").body()).isEqualTo("a /x");
    assertThat(status(http, "b.example")).isEqualTo(404);   // another controller's class
    assertThat(status(http, "c.example")).isEqualTo(404);   // no class and no default class

    var capstan = classes.get("", "capstan").orElseThrow();
    classes.update(new IngressClassBuilder(capstan).editMetadata()
        .addToAnnotations(IngressClasses.DEFAULT_CLASS_ANNOTATION, "true").endMetadata().build());
    await().atMost(Duration.ofSeconds(10)).until(() -> status(http, "c.example") == 200);
    assertThat(RawHttp.get(http, "c.example", "/").body()).isEqualTo("b /");

    api.endpoints("svc-a", "http", a.port(), List.of(), List.of("127.0.0.1"));
    await().atMost(Duration.ofSeconds(10)).until(() -> status(http, "a.example") == 503);
    ingresses.delete("default", "mine");
    await().atMost(Duration.ofSeconds(10)).until(() -> status(http, "a.example") == 404);
    assertThat(host.syncCount()).isPositive();
  }

  private static int status(URI http, String host) {
    try {
      return RawHttp.get(http, host, "/").statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
