package io.capstan.plugins.admission.webhook;

import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.ValidatingAdmissionPlugin;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/**
 * Kubernetes' ValidatingAdmissionWebhook: every webhook of every ValidatingWebhookConfiguration
 * whose rules and selectors match is called with the final object; the first denial refuses the
 * request with the webhook's status ({@code admission webhook "NAME" denied the request: ...}).
 * Webhooks are called one after another in configuration name order (Kubernetes calls them in
 * parallel; the outcome is the same, the latency is the sum). {@code matchConditions} are not
 * supported.
 */
public final class ValidatingAdmissionWebhook implements ValidatingAdmissionPlugin, Lifecycle {

  public static final String NAME = "ValidatingAdmissionWebhook";

  private final ConfigurationWatch<ValidatingWebhookConfiguration> configurations;
  private final WebhookDispatcher dispatcher;

  @Inject
  public ValidatingAdmissionWebhook(Provider<ApiClient> client) {
    this.configurations = new ConfigurationWatch<>(client, ValidatingWebhookConfiguration.class);
    this.dispatcher = new WebhookDispatcher(client);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void validate(AdmissionRequest request) {
    if (WebhookRules.exempt(request)) {
      return;
    }
    for (ValidatingWebhookConfiguration configuration : configurations.current()) {
      if (configuration.getWebhooks() == null) {
        continue;
      }
      for (ValidatingWebhook hook : configuration.getWebhooks()) {
        dispatcher.call(Webhook.of(configuration.getMetadata().getName(), hook), request);
      }
    }
  }

  /** The configurations this plugin currently sees (for tests: the watch is asynchronous). */
  java.util.List<ValidatingWebhookConfiguration> configurations() {
    return configurations.current();
  }

  @Override
  public void close() {
    configurations.close();
  }
}
