package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.ingress.IngressClasses;
import io.capstan.spi.ingress.TlsCertificate;
import io.capstan.tck.ingress.AbstractIngressControllerConformanceTest;
import io.capstan.tck.ingress.NamedBackend;
import io.capstan.tck.ingress.RawHttps;
import io.capstan.tck.ingress.TestCertificates;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's networking as a kubectl user meets it, with the components wired as {@code capstan up}
 * wires them: a TLS Secret made with {@code kubectl create secret tls} and an Ingress with
 * {@code spec.tls} applied with kubectl are served over HTTPS by the builtin controller with that
 * certificate (chosen by SNI), a rotated Secret is served live; and {@code kubectl get
 * endpointslices} lists the slice the {@code endpointslice} controller makes for a new Service.
 */
class NetworkingKubectlIT {

  @TempDir
  Path dir;

  @BeforeEach
  void needsKubectl() {
    Kubectl.requireKubectl();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private Kubectl.Result createTlsSecret(Kubectl kubectl, TlsCertificate pem, String... more) throws Exception {
    Path crt = Files.writeString(dir.resolve("tls-" + System.nanoTime() + ".crt"), pem.certificateChainPem());
    Path key = Files.writeString(dir.resolve("tls-" + System.nanoTime() + ".key"), pem.privateKeyPem());
    String[] base = {"create", "secret", "tls", "shop-tls", "--cert=" + crt, "--key=" + key};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
        .toArray(String[]::new);
    return kubectl.run(args);
  }

  @Test
  void aKubectlTlsSecretIsServedByTheBuiltinIngressAndRotatedLive() throws Exception {
    int httpsPort = freePort();
    try (NamedBackend backend = new NamedBackend("web");
        ControlPlane plane = new ControlPlane(dir.resolve("data"), Map.of("components", "apiserver,ingress",
            "ingress.builtin.httpPort", Integer.toString(freePort()), "ingress.builtin.httpsPort",
            Integer.toString(httpsPort), "ingress.minSyncPeriod", "200ms"))) {
      Kubectl kubectl = new Kubectl(plane.kubeconfig(), dir);
      ApiClient client = plane.kernel().injector().getInstance(ApiClient.class);
      client.resources(io.fabric8.kubernetes.api.model.Service.class).create(new ServiceBuilder()
          .withNewMetadata().withName("web").withNamespace("default").endMetadata()
          .withNewSpec().addNewPort().withName("http").withPort(80).endPort().endSpec().build());
      client.resources(io.fabric8.kubernetes.api.model.Endpoints.class).create(new EndpointsBuilder()
          .withNewMetadata().withName("web").withNamespace("default").endMetadata()
          .addNewSubset().addNewAddress().withIp("127.0.0.1").endAddress()
          .addNewPort().withName("http").withPort(backend.port()).endPort().endSubset().build());
      client.resources(io.fabric8.kubernetes.api.model.networking.v1.IngressClass.class).create(new IngressClassBuilder()
          .withNewMetadata().withName("capstan").addToAnnotations(IngressClasses.DEFAULT_CLASS_ANNOTATION, "true").endMetadata()
          .withNewSpec().withController(IngressClasses.BUILTIN_CONTROLLER).endSpec().build());

      Kubectl.Result secret = createTlsSecret(kubectl, TestCertificates.selfSigned("shop.example", "shop.example"));
      assertThat(secret.exitCode()).as(secret.err()).isZero();
      assertThat(kubectl.run("get", "secret", "shop-tls", "-o", "jsonpath={.type}").out()).isEqualTo("kubernetes.io/tls");
      Kubectl.Result ingress = kubectl.runWithInput("""
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: shop
            namespace: default
          spec:
            tls:
            - hosts: [shop.example]
              secretName: shop-tls
            rules:
            - host: shop.example
              http:
                paths:
                - path: /
                  pathType: Prefix
                  backend:
                    service:
                      name: web
                      port:
                        number: 80
          """, "apply", "-f", "-");
      assertThat(ingress.exitCode()).as(ingress.err()).isZero();

      URI https = URI.create("https://127.0.0.1:" + httpsPort);
      await().atMost(Duration.ofSeconds(20)).until(() -> subject(https).contains("CN=shop.example"));
      assertThat(RawHttps.get(https, Optional.of("shop.example"), "shop.example", "/cart").response().body())
          .isEqualTo("web /cart");
      assertThat(subject(https, Optional.of("other.example")))
          .contains("CN=" + AbstractIngressControllerConformanceTest.FAKE_CERTIFICATE_CN);

      // rotate: kubectl create --dry-run=client -o yaml | kubectl apply -f -
      Kubectl.Result rendered = createTlsSecret(kubectl, TestCertificates.selfSigned("shop.example 2027", "shop.example"),
          "--dry-run=client", "-o", "yaml");
      assertThat(rendered.exitCode()).as(rendered.err()).isZero();
      Kubectl.Result applied = kubectl.runWithInput(rendered.out(), "apply", "-f", "-");
      assertThat(applied.exitCode()).as(applied.err()).isZero();
      await().atMost(Duration.ofSeconds(20)).until(() -> subject(https).contains("CN=shop.example 2027"));
    }
  }

  @Test
  void kubectlListsTheEndpointSliceOfANewService() throws Exception {
    try (ControlPlane plane = new ControlPlane(dir.resolve("data"), Map.of("components", "apiserver,controller-manager",
        "controllers.leaderElection.enabled", "false"))) {
      Kubectl kubectl = new Kubectl(plane.kubeconfig(), dir);
      Kubectl.Result created = kubectl.run("create", "service", "clusterip", "web", "--tcp=80:8080");
      assertThat(created.exitCode()).as(created.err()).isZero();
      await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "endpointslices", "-l",
          "kubernetes.io/service-name=web", "-o", "jsonpath={.items[*].metadata.labels.endpointslice\\.kubernetes\\.io/managed-by}")
          .out().equals("endpointslice-controller.k8s.io"));
      assertThat(kubectl.run("get", "endpointslices").out()).contains("web-").contains("IPv4");
    }
  }

  private static String subject(URI https) {
    return subject(https, Optional.of("shop.example"));
  }

  private static String subject(URI https, Optional<String> serverName) {
    try {
      return RawHttps.get(https, serverName, serverName.orElse("shop.example"), "/").certificate()
          .getSubjectX500Principal().getName();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
