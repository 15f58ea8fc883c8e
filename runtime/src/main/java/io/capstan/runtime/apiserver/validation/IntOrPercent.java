package io.capstan.runtime.apiserver.validation;

import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * Kubernetes' rules for int-or-percent fields ({@code maxSurge}, {@code maxUnavailable}):
 * {@code ValidatePositiveIntOrPercent}, {@code IsNotMoreThan100Percent} and
 * {@code getIntOrPercentValue} (pkg/apis/apps/validation/validation.go). Stateless.
 */
final class IntOrPercent {

  private IntOrPercent() {}

  /** A non-negative integer or a valid percent string. */
  static void positive(IntOrString value, FieldPath path, FieldErrors errs) {
    if (value == null) {
      return;
    }
    if (value.getIntVal() != null) {
      errs.nonNegative(path, value.getIntVal());
    } else if (value.getStrVal() != null) {
      errs.invalidEach(path, value, NameRules.percent(value.getStrVal()));
    } else {
      errs.invalid(path, value, "must be an integer or percentage (e.g '5%')");
    }
  }

  /** A percent above 100 is invalid; integers are not checked here. */
  static void notMoreThan100Percent(IntOrString value, FieldPath path, FieldErrors errs) {
    Integer percent = percentValue(value);
    if (percent != null && percent > 100) {
      errs.invalid(path, value, "must not be greater than 100%");
    }
  }

  /** The number a value stands for (a percent's number, an integer's value, 0 otherwise). */
  static int value(IntOrString value) {
    if (value == null) {
      return 0;
    }
    Integer percent = percentValue(value);
    if (percent != null) {
      return percent;
    }
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    try {
      return Integer.parseInt(MetaValidation.text(value.getStrVal()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Integer percentValue(IntOrString value) {
    if (value == null || value.getStrVal() == null || !NameRules.percent(value.getStrVal()).isEmpty()) {
      return null;
    }
    String digits = value.getStrVal().substring(0, value.getStrVal().length() - 1);
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE; // more digits than an int holds: certainly over 100%
    }
  }
}
