package io.capstan.runtime.apiserver.validation;

import io.capstan.spi.api.LabelSelectorSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Label selector rules: Kubernetes' {@code ValidateLabelSelector} and
 * {@code ValidateLabelSelectorRequirement}
 * (k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go), and the selector-versus-template
 * check every workload makes. Stateless.
 */
final class SelectorValidation {

  private SelectorValidation() {}

  /** Validates a selector's labels and expressions; {@code null} is not an error here. */
  static void validate(LabelSelector selector, FieldPath path, FieldErrors errs) {
    if (selector == null) {
      return;
    }
    MetaValidation.labels(selector.getMatchLabels(), path.child("matchLabels"), errs);
    List<LabelSelectorRequirement> exprs = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    for (int i = 0; i < exprs.size(); i++) {
      requirement(exprs.get(i), path.child("matchExpressions").index(i), errs);
    }
  }

  private static void requirement(LabelSelectorRequirement r, FieldPath path, FieldErrors errs) {
    String op = MetaValidation.text(r.getOperator());
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    switch (op) {
      case "In", "NotIn" -> {
        if (values.isEmpty()) {
          errs.required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!values.isEmpty()) {
          errs.forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
        }
      }
      default -> errs.invalid(path.child("operator"), op, "not a valid selector operator");
    }
    String key = MetaValidation.text(r.getKey());
    errs.invalidEach(path.child("key"), key, NameRules.qualifiedName(key));
    for (int i = 0; i < values.size(); i++) {
      String v = MetaValidation.text(values.get(i));
      errs.invalidEach(path.child("values").index(i), v, NameRules.labelValue(v));
    }
  }

  /** True when the selector has neither labels nor expressions (it would select everything). */
  static boolean isEmpty(LabelSelector selector) {
    return selector != null && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
  }

  /**
   * Kubernetes' {@code LabelSelectorAsSelector}: empty when the selector cannot be converted (the
   * problem is reported by {@link #validate}); {@code null} converts to a selector matching nothing.
   */
  static Optional<LabelSelectorSpec> asSelector(LabelSelector selector) {
    try {
      return Optional.of(LabelSelectorSpec.fromFabric8(selector));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The check every workload makes: {@code <path>: Invalid value: {labels}: `selector` does not match
   * template `labels`} unless the selector is empty or unparseable.
   */
  static void matchesTemplate(LabelSelector selector, Map<String, String> templateLabels, FieldPath labelsPath,
      FieldErrors errs) {
    Optional<LabelSelectorSpec> spec = asSelector(selector);
    Map<String, String> labels = templateLabels == null ? Map.of() : templateLabels;
    if (spec.isPresent() && !spec.get().matchesEverything() && !spec.get().matches(labels)) {
      // Go prints a nil map as null; fabric8 hands out empty maps where Go has nil
      errs.invalid(labelsPath, labels.isEmpty() ? null : labels, "`selector` does not match template `labels`");
    }
  }
}
