package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' syntax rules for label keys and values (apimachinery {@code validation.IsQualifiedName}
 * and {@code IsValidLabelValue}), with the same messages. Label keys, annotation keys, selector keys
 * and finalizer names are qualified names: an optional DNS-1123 subdomain prefix of at most 253
 * characters and a {@code /}, then a name of at most 63 alphanumeric characters, {@code -},
 * {@code _} or {@code .}, starting and ending with an alphanumeric. Label values follow the name rule
 * and may be empty. Stateless and thread-safe.
 */
public final class LabelValidation {

  /** Longest name part of a qualified name and longest label value. */
  public static final int MAX_NAME_LENGTH = 63;
  /** Longest DNS-1123 subdomain, the prefix of a qualified name. */
  public static final int MAX_PREFIX_LENGTH = 253;

  private static final String NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern NAME = Pattern.compile(NAME_FMT);
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final String NAME_RULE = "must consist of alphanumeric characters, '-', '_' or '.',"
      + " and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or"
      + " '123-abc', regex used for validation is '" + NAME_FMT + "')";

  private LabelValidation() {}

  /** The problems with {@code key} as a qualified name; empty when it is valid. */
  public static List<String> qualifiedNameErrors(String key) {
    requireNonNull(key, "key");
    List<String> errors = new ArrayList<>();
    String[] parts = key.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        if (prefix.length() > MAX_PREFIX_LENGTH) {
          errors.add("prefix part must be no more than " + MAX_PREFIX_LENGTH + " characters");
        }
        if (!DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
          errors.add("prefix part a lowercase RFC 1123 subdomain must consist of lower case"
              + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric"
              + " character (e.g. 'example.com')");
        }
      }
    } else {
      errors.add("a qualified name " + NAME_RULE
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errors;
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (name.length() > MAX_NAME_LENGTH) {
      errors.add("name part must be no more than " + MAX_NAME_LENGTH + " characters");
    }
    if (!name.isEmpty() && !NAME.matcher(name).matches()) {
      errors.add("name part " + NAME_RULE);
    }
    return errors;
  }

  /** The problems with {@code value} as a label value; empty when it is valid. */
  public static List<String> labelValueErrors(String value) {
    requireNonNull(value, "value");
    List<String> errors = new ArrayList<>();
    if (value.length() > MAX_NAME_LENGTH) {
      errors.add("must be no more than " + MAX_NAME_LENGTH + " characters");
    }
    if (!value.isEmpty() && !NAME.matcher(value).matches()) {
      errors.add("a valid label must be an empty string or " + NAME_RULE.replace("must consist", "consist"));
    }
    return errors;
  }

  /** True when {@code key} is a valid qualified name (a valid label key). */
  public static boolean isQualifiedName(String key) {
    return qualifiedNameErrors(key).isEmpty();
  }

  /** True when {@code value} is a valid label value. */
  public static boolean isLabelValue(String value) {
    return labelValueErrors(value).isEmpty();
  }
}
