package io.capstan.plugins.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.capstan.plugins.admission.webhook.AdmissionReviews.Verdict;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.MutatingAdmissionPlugin;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Optional;

/**
 * Kubernetes' MutatingAdmissionWebhook: every webhook of every MutatingWebhookConfiguration (in
 * configuration name order, then listed order) whose rules and selectors match is called in turn
 * with the object as the previous webhooks left it; a JSONPatch answer is applied to the object
 * (with zjsonpatch) before the next webhook sees it. A patch that does not apply, or that yields an
 * object the kind cannot hold, is a failed call ({@code failurePolicy} decides). Reinvocation
 * ({@code reinvocationPolicy: IfNeeded}) and {@code matchConditions} are not supported.
 */
public final class MutatingAdmissionWebhook implements MutatingAdmissionPlugin, Lifecycle {

  public static final String NAME = "MutatingAdmissionWebhook";

  private final ConfigurationWatch<MutatingWebhookConfiguration> configurations;
  private final WebhookDispatcher dispatcher;

  @Inject
  public MutatingAdmissionWebhook(Provider<ApiClient> client) {
    this.configurations = new ConfigurationWatch<>(client, MutatingWebhookConfiguration.class);
    this.dispatcher = new WebhookDispatcher(client);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void admit(AdmissionRequest request) {
    if (WebhookRules.exempt(request)) {
      return;
    }
    for (MutatingWebhookConfiguration configuration : configurations.current()) {
      if (configuration.getWebhooks() == null) {
        continue;
      }
      for (MutatingWebhook hook : configuration.getWebhooks()) {
        Webhook webhook = Webhook.of(configuration.getMetadata().getName(), hook);
        Optional<Verdict> verdict = dispatcher.call(webhook, request);
        if (verdict.isPresent() && verdict.get().patch().isPresent() && request.object().isPresent()) {
          apply(webhook, request, verdict.get().patch().get());
        }
      }
    }
  }

  private void apply(Webhook webhook, AdmissionRequest request, JsonNode patch) {
    HasMetadata object = request.object().get();
    HasMetadata patched;
    try {
      ObjectNode json = AdmissionReviews.json(object, request);
      JsonNode result = JsonPatch.apply(patch, json);
      patched = KubeJson.mapper().treeToValue(result, object.getClass());
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      dispatcher.failed(webhook, request, "JSON patch could not be applied: " + e.getMessage());
      return;
    }
    InPlace.copy(patched, object);
  }

  /** The configurations this plugin currently sees (for tests: the watch is asynchronous). */
  java.util.List<MutatingWebhookConfiguration> configurations() {
    return configurations.current();
  }

  @Override
  public void close() {
    configurations.close();
  }
}
