package io.capstan.runtime.apiserver.validation;

import java.util.List;

/**
 * The rule a kind's object names follow, Kubernetes' {@code ValidateNameFunc} family
 * (k8s.io/apimachinery/pkg/api/validation/generic.go): most kinds use DNS-1123 subdomains,
 * namespaces DNS-1123 labels, services DNS-1035 labels, RBAC objects path segments. With
 * {@code prefix} set the value is a {@code generateName}, whose trailing dash is allowed.
 */
public enum NameRule {
  /** {@code NameIsDNSSubdomain}: lower-case, digits, '-' and '.', at most 253 characters. */
  DNS_SUBDOMAIN,
  /** {@code NameIsDNSLabel}: lower-case, digits and '-', at most 63 characters. */
  DNS_LABEL,
  /** {@code NameIsDNS1035Label}: a DNS-1123 label that starts with a letter. */
  DNS1035_LABEL,
  /** {@code path.IsValidPathSegmentName}: anything but '.', '..', '/' and '%'. */
  PATH_SEGMENT;

  /** The problems with {@code name} (or with a generateName prefix when {@code prefix}). */
  public List<String> check(String name, boolean prefix) {
    String value = prefix && this != PATH_SEGMENT ? maskTrailingDash(name) : name;
    return switch (this) {
      case DNS_SUBDOMAIN -> NameRules.dns1123Subdomain(value);
      case DNS_LABEL -> NameRules.dns1123Label(value);
      case DNS1035_LABEL -> NameRules.dns1035Label(value);
      case PATH_SEGMENT -> NameRules.pathSegmentName(value, prefix);
    };
  }

  /**
   * Kubernetes' {@code maskTrailingDash}, kept as written: a trailing dash is allowed in a prefix,
   * so the last two characters become {@code a} before the check.
   */
  static String maskTrailingDash(String name) {
    if (name.length() > 1 && name.endsWith("-")) {
      return name.substring(0, name.length() - 2) + "a";
    }
    return name;
  }
}
