package io.capstan.plugins.admission.webhook;

import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.api.LabelSelectorSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a webhook wants a request, as Kubernetes decides (staging/src/k8s.io/apiserver/pkg/
 * admission/plugin/webhook/predicates): one of its rules matches the operation, group, version,
 * resource (with {@code *}, {@code pods/*}, {@code * /status} forms) and scope; the namespace's
 * labels match {@code namespaceSelector} (cluster-scoped objects other than namespaces always
 * do); the object's or the old object's labels match {@code objectSelector}. Webhook
 * configurations themselves are never sent to webhooks, so a broken webhook cannot lock them.
 */
final class WebhookRules {

  private WebhookRules() {}

  static boolean exempt(AdmissionRequest request) {
    return request.group().equals("admissionregistration.k8s.io");
  }

  static boolean matchesRules(Webhook webhook, AdmissionRequest request) {
    return webhook.rules().stream().anyMatch(rule -> matches(rule, request));
  }

  static boolean matches(RuleWithOperations rule, AdmissionRequest request) {
    return contains(rule.getOperations(), request.operation().name())
        && contains(rule.getApiGroups(), request.group())
        && contains(rule.getApiVersions(), request.version())
        && resourceMatches(rule.getResources(), request.resource(), request.subresource())
        && scopeMatches(rule.getScope(), request);
  }

  private static boolean contains(List<String> values, String value) {
    return values != null && (values.contains("*") || values.contains(value));
  }

  private static boolean resourceMatches(List<String> patterns, String resource, String subresource) {
    if (patterns == null) {
      return false;
    }
    for (String pattern : patterns) {
      if (subresource.isEmpty()) {
        if (pattern.equals("*") || pattern.equals(resource)) {
          return true;
        }
      } else if (pattern.equals("*/*") || pattern.equals(resource + "/*") || pattern.equals("*/" + subresource)
          || pattern.equals(resource + "/" + subresource)) {
        return true;
      }
    }
    return false;
  }

  private static boolean scopeMatches(String scope, AdmissionRequest request) {
    boolean namespaced = !request.namespace().isEmpty() && !request.resource().equals("namespaces");
    return switch (scope == null ? "*" : scope) {
      case "Cluster" -> !namespaced;
      case "Namespaced" -> namespaced;
      default -> true;
    };
  }

  /**
   * @param namespaceLabels the labels of a namespace by name (empty when it does not exist)
   */
  static boolean matchesSelectors(Webhook webhook, AdmissionRequest request, Function<String, Map<String, String>> namespaceLabels) {
    return objectMatches(webhook.objectSelector(), request) && namespaceMatches(webhook.namespaceSelector(), request, namespaceLabels);
  }

  private static boolean objectMatches(Optional<LabelSelector> selector, AdmissionRequest request) {
    if (selector.isEmpty() || isEmpty(selector.get())) {
      return true;
    }
    LabelSelectorSpec spec = LabelSelectorSpec.fromFabric8(selector.get());
    return request.object().map(o -> spec.matches(labels(o))).orElse(false)
        || request.oldObject().map(o -> spec.matches(labels(o))).orElse(false);
  }

  private static boolean namespaceMatches(Optional<LabelSelector> selector, AdmissionRequest request,
      Function<String, Map<String, String>> namespaceLabels) {
    if (selector.isEmpty() || isEmpty(selector.get())) {
      return true;
    }
    LabelSelectorSpec spec = LabelSelectorSpec.fromFabric8(selector.get());
    if (request.resource().equals("namespaces") && request.group().isEmpty()) {
      HasMetadata ns = request.object().or(request::oldObject).orElse(null);
      return ns != null && spec.matches(labels(ns));
    }
    if (request.namespace().isEmpty()) {
      return true;
    }
    return spec.matches(namespaceLabels.apply(request.namespace()));
  }

  private static boolean isEmpty(LabelSelector selector) {
    return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
  }

  private static Map<String, String> labels(HasMetadata object) {
    return object.getMetadata() == null || object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
  }
}
