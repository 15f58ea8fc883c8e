package io.capstan.plugins.admission.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.plugins.admission.cluster.AdmissionCluster;
import io.capstan.spi.client.ApiException;
import io.capstan.tck.fixtures.TestObjects;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validating and mutating webhooks served by a real local HTTPS server, in a real in-process API server. */
class WebhookIT {

  private static AdmissionCluster cluster;
  private static HookServer hooks;
  private static MutatingAdmissionWebhook mutating;
  private static ValidatingAdmissionWebhook validating;

  @BeforeAll
  static void start() throws Exception {
    hooks = new HookServer(Files.createTempDirectory("hooks"));
    cluster = new AdmissionCluster(client -> {
      mutating = new MutatingAdmissionWebhook(client);
      validating = new ValidatingAdmissionWebhook(client);
      return List.of(mutating, validating);
    });
    hooks.answer("/deny-bad", request -> {
      ObjectNode response = HookServer.allow(request, !request.path("name").asText().equals("bad"));
      response.putObject("status").put("code", 403).put("message", "no pods named bad");
      return response;
    });
    hooks.answer("/label", request -> {
      ObjectNode response = HookServer.allow(request, true);
      String patch = "[{\"op\":\"add\",\"path\":\"/metadata/labels/mutated\",\"value\":\"yes\"}]";
      response.put("patchType", "JSONPatch");
      response.put("patch", Base64.getEncoder().encodeToString(patch.getBytes(StandardCharsets.UTF_8)));
      return response;
    });
    hooks.answer("/slow", request -> {
      try {
        TimeUnit.MILLISECONDS.sleep(2500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return HookServer.allow(request, true);
    });
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
    hooks.close();
  }

  private static void namespace(String name) {
    cluster.admin().resources(io.fabric8.kubernetes.api.model.Namespace.class).create(new NamespaceBuilder()
        .withNewMetadata().withName(name).addToLabels("webhook-test", name).endMetadata().build());
  }

  private static void validatingHook(String name, String path, String namespace, String failurePolicy, Integer timeout, boolean trust) {
    cluster.admin().resources(ValidatingWebhookConfiguration.class).create(new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .addNewWebhook().withName(name).withAdmissionReviewVersions("v1").withSideEffects("None")
        .withFailurePolicy(failurePolicy).withTimeoutSeconds(timeout)
        .withNewClientConfig().withUrl(hooks.url(path)).withCaBundle(trust ? hooks.caBundle() : null).endClientConfig()
        .addNewRule().withOperations("CREATE").withApiGroups("").withApiVersions("v1").withResources("pods").endRule()
        .withNewNamespaceSelector().addToMatchLabels("webhook-test", namespace).endNamespaceSelector()
        .endWebhook().build());
    await().atMost(Duration.ofSeconds(10)).until(() -> validating.configurations().stream().anyMatch(c -> c.getMetadata().getName().equals(name)));
  }

  @Test
  void aValidatingWebhookDeniesWithItsOwnStatusAndSeesTheUser() {
    namespace("vt");
    validatingHook("deny.example.com", "/deny-bad", "vt", "Fail", null, true);
    assertThatThrownBy(() -> cluster.admin().resources(Pod.class).create(TestObjects.pod("bad").namespace("vt").build()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403))
        .hasMessage("admission webhook \"deny.example.com\" denied the request: no pods named bad");
    assertThat(cluster.admin().resources(Pod.class).create(TestObjects.pod("good").namespace("vt").build())).isNotNull();
    JsonNode review = hooks.received.stream().filter(r -> r.path("request").path("name").asText().equals("bad")).findFirst().orElseThrow();
    assertThat(review.path("request").path("userInfo").path("username").asText()).isEqualTo("admin");
    assertThat(review.path("request").path("operation").asText()).isEqualTo("CREATE");
    assertThat(review.path("request").path("kind").path("kind").asText()).isEqualTo("Pod");
    assertThat(review.path("request").path("object").path("metadata").path("namespace").asText()).isEqualTo("vt");
    // other namespaces do not match the namespaceSelector
    assertThat(cluster.admin().resources(Pod.class).create(TestObjects.pod("bad").namespace("default").build())).isNotNull();
  }

  @Test
  void aMutatingWebhookPatchIsAppliedBeforeStoring() {
    namespace("mt");
    cluster.admin().resources(MutatingWebhookConfiguration.class).create(new MutatingWebhookConfigurationBuilder()
        .withNewMetadata().withName("label.example.com").endMetadata()
        .addNewWebhook().withName("label.example.com").withAdmissionReviewVersions("v1").withSideEffects("None")
        .withNewClientConfig().withUrl(hooks.url("/label")).withCaBundle(hooks.caBundle()).endClientConfig()
        .addNewRule().withOperations("*").withApiGroups("").withApiVersions("*").withResources("pods").withScope("Namespaced").endRule()
        .withNewObjectSelector().addToMatchLabels("app", "web").endObjectSelector()
        .endWebhook().build());
    await().atMost(Duration.ofSeconds(10)).until(() -> !mutating.configurations().isEmpty());
    Pod web = cluster.admin().resources(Pod.class).create(TestObjects.pod("web").namespace("mt").label("app", "web").build());
    assertThat(web.getMetadata().getLabels()).containsEntry("mutated", "yes").containsEntry("app", "web");
    Pod other = cluster.admin().resources(Pod.class).create(TestObjects.pod("other").namespace("mt").label("app", "db").build());
    assertThat(other.getMetadata().getLabels()).doesNotContainKey("mutated");
  }

  @Test
  void failurePolicyDecidesWhatAFailedCallMeans() {
    namespace("fp");
    validatingHook("missing.example.com", "/missing", "fp", "Ignore", null, true);
    assertThat(cluster.admin().resources(Pod.class).create(TestObjects.pod("ignored").namespace("fp").build())).isNotNull();
    validatingHook("untrusted.example.com", "/deny-bad", "fp", "Fail", null, false);
    assertThatThrownBy(() -> cluster.admin().resources(Pod.class).create(TestObjects.pod("refused").namespace("fp").build()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(500))
        .hasMessageStartingWith("Internal error occurred: failed calling webhook \"untrusted.example.com\": failed to call webhook: Post \""
            + hooks.url("/deny-bad") + "\":");
    assertThat(cluster.admin().resources(Pod.class).get("fp", "refused")).isEmpty();
  }

  @Test
  void aWebhookSlowerThanItsTimeoutFails() {
    namespace("slow");
    validatingHook("slow.example.com", "/slow", "slow", "Fail", 1, true);
    assertThatThrownBy(() -> cluster.admin().resources(Pod.class).create(TestObjects.pod("p").namespace("slow").build()))
        .hasMessage("Internal error occurred: failed calling webhook \"slow.example.com\": failed to call webhook: Post \""
            + hooks.url("/slow") + "\": context deadline exceeded");
  }

  @Test
  void webhookConfigurationsAreServedAsBuiltInKinds() {
    var kind = io.capstan.spi.api.KindRegistry.builtIn().byResource("admissionregistration.k8s.io", "validatingwebhookconfigurations");
    assertThat(kind).hasValueSatisfying(k -> assertThat(k.namespaced()).isFalse());
    assertThat(io.capstan.spi.api.KindRegistry.builtIn().byResource("admissionregistration.k8s.io", "mutatingwebhookconfigurations")).isPresent();
  }
}
