package io.capstan.plugins.admission.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.auth.UserInfo;
import io.capstan.tck.fixtures.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookRulesTest {

  private static AdmissionRequest request(AdmissionOperation op, String subresource, String namespace, HasMetadata object) {
    return new AdmissionRequest(op, "", "v1", "Pod", "pods", subresource, namespace, "p",
        op == AdmissionOperation.DELETE ? Optional.empty() : Optional.of(object),
        op == AdmissionOperation.CREATE ? Optional.empty() : Optional.of(object), UserInfo.of("u"), false);
  }

  private static RuleWithOperations rule(String operation, String resource, String scope) {
    return new RuleWithOperationsBuilder().withOperations(operation).withApiGroups("").withApiVersions("*")
        .withResources(resource).withScope(scope).build();
  }

  @Test
  void resourcesAndSubresourcesMatchAsInKubernetes() {
    HasMetadata pod = TestObjects.pod("p").build();
    AdmissionRequest create = request(AdmissionOperation.CREATE, "", "default", pod);
    AdmissionRequest status = request(AdmissionOperation.UPDATE, "status", "default", pod);
    assertThat(WebhookRules.matches(rule("CREATE", "pods", null), create)).isTrue();
    assertThat(WebhookRules.matches(rule("*", "*", "*"), create)).isTrue();
    assertThat(WebhookRules.matches(rule("UPDATE", "pods", null), create)).isFalse();
    assertThat(WebhookRules.matches(rule("*", "pods", null), status)).isFalse();
    assertThat(WebhookRules.matches(rule("*", "*", null), status)).isFalse();
    assertThat(WebhookRules.matches(rule("*", "pods/*", null), status)).isTrue();
    assertThat(WebhookRules.matches(rule("*", "*/status", null), status)).isTrue();
    assertThat(WebhookRules.matches(rule("*", "pods/status", null), status)).isTrue();
    assertThat(WebhookRules.matches(rule("*", "pods", "Cluster"), create)).isFalse();
    assertThat(WebhookRules.matches(rule("*", "pods", "Namespaced"), create)).isTrue();
  }

  @Test
  void selectorsLookAtTheObjectAndItsNamespace() {
    HasMetadata pod = TestObjects.pod("p").label("app", "web").build();
    Webhook webhook = new Webhook("c", "w", new WebhookClientConfig(), List.of(), false,
        Optional.of(new LabelSelectorBuilder().addToMatchLabels("team", "a").build()),
        Optional.of(new LabelSelectorBuilder().addToMatchLabels("app", "web").build()), Duration.ofSeconds(1));
    AdmissionRequest create = request(AdmissionOperation.CREATE, "", "default", pod);
    assertThat(WebhookRules.matchesSelectors(webhook, create, ns -> Map.of("team", "a"))).isTrue();
    assertThat(WebhookRules.matchesSelectors(webhook, create, ns -> Map.of("team", "b"))).isFalse();
    AdmissionRequest other = request(AdmissionOperation.CREATE, "", "default", TestObjects.pod("q").label("app", "db").build());
    assertThat(WebhookRules.matchesSelectors(webhook, other, ns -> Map.of("team", "a"))).isFalse();
  }
}
