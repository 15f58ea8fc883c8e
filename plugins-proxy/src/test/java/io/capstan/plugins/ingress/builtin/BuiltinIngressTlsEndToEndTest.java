package io.capstan.plugins.ingress.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.proxy.userspace.ApiFixture;
import io.capstan.runtime.ingress.IngressHost;
import io.capstan.spi.ingress.IngressClasses;
import io.capstan.spi.ingress.TlsCertificate;
import io.capstan.tck.ingress.AbstractIngressControllerConformanceTest;
import io.capstan.tck.ingress.NamedBackend;
import io.capstan.tck.ingress.RawHttps;
import io.capstan.tck.ingress.TestCertificates;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.tls} from real objects: an Ingress naming a {@code kubernetes.io/tls} Secret in an
 * in-process API server, the ingress host watching Secrets, and the builtin controller serving
 * HTTPS — the Secret's certificate by SNI, a Secret change served live, a deleted Secret falling
 * back to the default certificate, an Ingress's TLS entry removed likewise.
 */
class BuiltinIngressTlsEndToEndTest {

  @TempDir
  Path dir;

  private ApiFixture api;
  private NamedBackend web;
  private BuiltinIngressController controller;
  private IngressHost host;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {host, controller, web, api}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void servesTheSecretsCertificateAndFollowsItsChanges() throws Exception {
    api = new ApiFixture(dir);
    web = new NamedBackend("web");
    controller = new BuiltinIngressController(new BuiltinIngressConfig("127.0.0.1", 0, 0, null, null, 16));
    controller.start();
    host = new IngressHost(api.informers, controller, api.clock, api.executor, Duration.ofMillis(100), Duration.ofSeconds(30));
    host.start();
    api.informers.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> host.syncCount() > 0);
    URI https = controller.httpsAddress();

    api.create(ApiFixture.service("web").editSpec().addNewPort().withName("http").withPort(80).endPort().endSpec().build());
    api.endpoints("web", "http", web.port(), List.of("127.0.0.1"), List.of());
    api.client.resources(IngressClass.class).create(new IngressClassBuilder().withNewMetadata().withName("capstan")
        .endMetadata().withNewSpec().withController(IngressClasses.BUILTIN_CONTROLLER).endSpec().build());
    var secrets = api.client.resources(Secret.class);
    secrets.create(secret(TestCertificates.selfSigned("shop.example", "shop.example")));
    api.client.resources(Ingress.class).create(ingress(true));

    await().atMost(Duration.ofSeconds(10)).until(() -> subject(https).contains("CN=shop.example"));
    assertThat(RawHttps.get(https, Optional.of("shop.example"), "shop.example", "/cart").response().body())
        .isEqualTo("web /cart");

    Secret current = secrets.get("default", "shop-tls").orElseThrow();
    secrets.update(new SecretBuilder(secret(TestCertificates.selfSigned("shop.example v2", "shop.example")))
        .editMetadata().withResourceVersion(current.getMetadata().getResourceVersion()).endMetadata().build());
    await().atMost(Duration.ofSeconds(10)).until(() -> subject(https).contains("CN=shop.example v2"));

    secrets.delete("default", "shop-tls");
    await().atMost(Duration.ofSeconds(10)).until(() -> subject(https)
        .contains("CN=" + AbstractIngressControllerConformanceTest.FAKE_CERTIFICATE_CN));

    secrets.create(secret(TestCertificates.selfSigned("shop.example v3", "shop.example")));
    await().atMost(Duration.ofSeconds(10)).until(() -> subject(https).contains("CN=shop.example v3"));
    var ingresses = api.client.resources(Ingress.class);
    Ingress withTls = ingresses.get("default", "shop").orElseThrow();
    ingresses.update(new IngressBuilder(ingress(false)).editMetadata()
        .withResourceVersion(withTls.getMetadata().getResourceVersion()).endMetadata().build());
    await().atMost(Duration.ofSeconds(10)).until(() -> subject(https)
        .contains("CN=" + AbstractIngressControllerConformanceTest.FAKE_CERTIFICATE_CN));
  }

  private static Secret secret(TlsCertificate pem) {
    Base64.Encoder b64 = Base64.getEncoder();
    return new SecretBuilder().withNewMetadata().withName("shop-tls").withNamespace("default").endMetadata()
        .withType("kubernetes.io/tls")
        .addToData("tls.crt", b64.encodeToString(pem.certificateChainPem().getBytes(StandardCharsets.UTF_8)))
        .addToData("tls.key", b64.encodeToString(pem.privateKeyPem().getBytes(StandardCharsets.UTF_8))).build();
  }

  /** An Ingress for shop.example, with or without a TLS entry (hosts left empty: the rule's host). */
  private static Ingress ingress(boolean tls) {
    IngressBuilder b = new IngressBuilder().withNewMetadata().withName("shop").withNamespace("default").endMetadata()
        .withNewSpec().withIngressClassName("capstan").addNewRule().withHost("shop.example").withNewHttp()
        .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService().withName("web")
        .withNewPort().withName("http").endPort().endService().endBackend().endPath().endHttp().endRule().endSpec();
    if (tls) {
      b.editSpec().addNewTl().withSecretName("shop-tls").endTl().endSpec();
    }
    return b.build();
  }

  private static String subject(URI https) {
    try {
      return RawHttps.get(https, Optional.of("shop.example"), "shop.example", "/").certificate()
          .getSubjectX500Principal().getName();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
