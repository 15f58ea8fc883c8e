package io.capstan.plugins.admission.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.auth.UserInfo;
import io.capstan.tck.fixtures.TestObjects;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionReviewsTest {

  @Test
  void theReviewCarriesTheRequestAndTheUser() {
    AdmissionRequest request = new AdmissionRequest(AdmissionOperation.CREATE, "", "v1", "Pod", "pods", "", "ns", "p",
        Optional.of(TestObjects.pod("p").namespace("ns").build()), Optional.empty(),
        new UserInfo("alice", "42", List.of("dev", "system:authenticated"), Map.of("scopes", List.of("x"))), true);
    JsonNode review = AdmissionReviews.request(request, "uid-1");
    assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    JsonNode body = review.path("request");
    assertThat(body.path("uid").asText()).isEqualTo("uid-1");
    assertThat(body.path("resource").path("resource").asText()).isEqualTo("pods");
    assertThat(body.path("userInfo").path("username").asText()).isEqualTo("alice");
    assertThat(body.path("userInfo").path("groups").get(0).asText()).isEqualTo("dev");
    assertThat(body.path("userInfo").path("extra").path("scopes").get(0).asText()).isEqualTo("x");
    assertThat(body.path("object").path("kind").asText()).isEqualTo("Pod");
    assertThat(body.path("dryRun").asBoolean()).isTrue();
    assertThat(body.path("options").path("kind").asText()).isEqualTo("CreateOptions");
    assertThat(body.has("oldObject")).isFalse();
  }

  @Test
  void malformedAnswersAreRefusedWithKubernetesWording() throws Exception {
    assertThatThrownBy(() -> AdmissionReviews.verdict(KubeJson.mapper().readTree(
        "{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"response\":{}}"), "u"))
        .hasMessage("expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got admission.k8s.io/v1beta1, Kind=AdmissionReview");
    assertThatThrownBy(() -> AdmissionReviews.verdict(KubeJson.mapper().readTree(
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"x\",\"allowed\":true}}"), "u"))
        .hasMessage("expected response.uid=\"u\", got \"x\"");
    assertThatThrownBy(() -> AdmissionReviews.verdict(KubeJson.mapper().readTree(
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"u\",\"allowed\":true,"
            + "\"patchType\":\"Merge\",\"patch\":\"e30=\"}}"), "u"))
        .hasMessageContaining("only JSONPatch is supported");
  }

  @Test
  void denialsKeepTheWebhooksCodeAndNameTheWebhook() {
    Status given = new StatusBuilder().withCode(403).withMessage("no").build();
    assertThat(WebhookDispatcher.denied("w.example.com", Optional.of(given)).status())
        .satisfies(s -> assertThat(s.getCode()).isEqualTo(403))
        .satisfies(s -> assertThat(s.getMessage()).isEqualTo("admission webhook \"w.example.com\" denied the request: no"));
    assertThat(WebhookDispatcher.denied("w.example.com", Optional.empty()).status())
        .satisfies(s -> assertThat(s.getCode()).isEqualTo(400))
        .satisfies(s -> assertThat(s.getMessage()).isEqualTo("admission webhook \"w.example.com\" denied the request without explanation"));
  }
}
