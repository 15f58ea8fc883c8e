package io.capstan.plugins.admission.webhook;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One webhook of a Validating- or MutatingWebhookConfiguration, with Kubernetes' v1 defaults
 * applied: failurePolicy {@code Fail}, timeout 10 seconds, selectors matching everything.
 *
 * @param configuration the name of the configuration object it came from
 */
record Webhook(String configuration, String name, WebhookClientConfig clientConfig, List<RuleWithOperations> rules,
    boolean failOpen, Optional<LabelSelector> namespaceSelector, Optional<LabelSelector> objectSelector, Duration timeout) {

  /** Kubernetes' default and upper bound of {@code timeoutSeconds}. */
  static final int DEFAULT_TIMEOUT_SECONDS = 10;
  static final int MAX_TIMEOUT_SECONDS = 30;

  Webhook {
    requireNonNull(configuration, "configuration");
    requireNonNull(name, "name");
    requireNonNull(clientConfig, "clientConfig");
    rules = rules == null ? List.of() : List.copyOf(rules);
    requireNonNull(namespaceSelector, "namespaceSelector");
    requireNonNull(objectSelector, "objectSelector");
    requireNonNull(timeout, "timeout");
  }

  static Webhook of(String configuration, ValidatingWebhook w) {
    return new Webhook(configuration, w.getName(), w.getClientConfig(), w.getRules(), "Ignore".equals(w.getFailurePolicy()),
        Optional.ofNullable(w.getNamespaceSelector()), Optional.ofNullable(w.getObjectSelector()), timeout(w.getTimeoutSeconds()));
  }

  static Webhook of(String configuration, MutatingWebhook w) {
    return new Webhook(configuration, w.getName(), w.getClientConfig(), w.getRules(), "Ignore".equals(w.getFailurePolicy()),
        Optional.ofNullable(w.getNamespaceSelector()), Optional.ofNullable(w.getObjectSelector()), timeout(w.getTimeoutSeconds()));
  }

  private static Duration timeout(Integer seconds) {
    int s = seconds == null || seconds <= 0 ? DEFAULT_TIMEOUT_SECONDS : Math.min(seconds, MAX_TIMEOUT_SECONDS);
    return Duration.ofSeconds(s);
  }
}
