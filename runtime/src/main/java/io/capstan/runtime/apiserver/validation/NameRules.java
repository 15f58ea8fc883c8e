package io.capstan.runtime.apiserver.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Kubernetes' string-format rules with their exact messages (Kubernetes 1.32,
 * k8s.io/apimachinery/pkg/util/validation/validation.go and pkg/api/validation/generic.go):
 * DNS-1123 labels and subdomains, DNS-1035 labels, qualified names (label keys), label values,
 * path-segment names, config keys, port names, percentages and IP addresses. Each method returns
 * the list of problems, empty when the value is valid. Stateless.
 *
 * <p>Why not {@code spi.api.LabelValidation}: its messages differ slightly from Kubernetes' (the
 * examples list and the regex quoted for label values), and a 422 body must match a real server's.
 */
public final class NameRules {

  static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
  static final String PERCENT_FMT = "[0-9]+%";

  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*", Pattern.DOTALL);

  private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.',"
      + " and must start and end with an alphanumeric character";

  private NameRules() {}

  /** {@code MaxLenError}. */
  static String maxLen(int length) {
    return "must be no more than " + length + " characters";
  }

  /**
   * {@code RegexError}: note Kubernetes' own spacing, {@code (e.g. 'a',  or 'b', regex used ...)},
   * which real servers print and clients may match on.
   */
  static String regexError(String msg, String fmt, String... examples) {
    if (examples.length == 0) {
      return msg + " (regex used for validation is '" + fmt + "')";
    }
    StringBuilder s = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        s.append(" or ");
      }
      s.append('\'').append(examples[i]).append("', ");
    }
    return s.append("regex used for validation is '").append(fmt).append("')").toString();
  }

  /** {@code InclusiveRangeError}. */
  static String inclusiveRange(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  /** {@code IsDNS1123Label}. */
  public static List<String> dns1123Label(String value) {
    if (value.length() <= 63 && isDns1123Label(value, 0, value.length())) {
      return new ArrayList<>();
    }
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
        errs.add("must not contain dots");
      } else {
        errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
            + " '-', and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name", "123-abc"));
      }
    }
    return errs;
  }

  /** {@code IsDNS1123Subdomain}. */
  public static List<String> dns1123Subdomain(String value) {
    if (value.length() <= 253 && isDns1123Subdomain(value, 0, value.length())) {
      return new ArrayList<>();
    }
    List<String> errs = new ArrayList<>();
    if (value.length() > 253) {
      errs.add(maxLen(253));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
          + " '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT,
          "example.com"));
    }
    return errs;
  }

  /** {@code IsDNS1035Label}. */
  public static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
          + " with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL_FMT,
          "my-name", "abc-123"));
    }
    return errs;
  }

  /** {@code IsWildcardDNS1123Subdomain}: {@code *.example.com}. */
  public static List<String> wildcardDns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 253) {
      errs.add(maxLen(253));
    }
    String fmt = "\\*\\." + DNS1123_SUBDOMAIN_FMT;
    if (!Pattern.matches(fmt, value)) {
      errs.add(regexError("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain,"
          + " which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric"
          + " character", fmt, "*.example.com"));
    }
    return errs;
  }

  /** {@code IsQualifiedName}: label keys, annotation keys, finalizers. */
  public static List<String> qualifiedName(String value) {
    int slash = value.indexOf('/');
    if (slash < 0 ? isQualifiedNamePart(value, 0, value.length())
        : value.indexOf('/', slash + 1) < 0 && slash > 0 && slash <= 253 && isDns1123Subdomain(value, 0, slash)
            && isQualifiedNamePart(value, slash + 1, value.length())) {
      return new ArrayList<>();
    }
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        dns1123Subdomain(prefix).forEach(m -> errs.add("prefix part " + m));
      }
    } else {
      errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errs.add("name part " + maxLen(63));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  /** {@code IsValidLabelValue}. */
  public static List<String> labelValue(String value) {
    if (value.isEmpty() || isQualifiedNamePart(value, 0, value.length())) {
      return new ArrayList<>();
    }
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_'"
          + " or '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT,
          "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  /** {@code IsConfigMapKey}: keys of ConfigMap and Secret data. */
  public static List<String> configMapKey(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 253) {
      errs.add(maxLen(253));
    }
    if (!CONFIG_KEY.matcher(value).matches()) {
      errs.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
          CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
    }
    if (value.equals(".")) {
      errs.add("must not be '.'");
    } else if (value.equals("..")) {
      errs.add("must not be '..'");
    } else if (value.startsWith("..")) {
      errs.add("must not start with '..'");
    }
    return errs;
  }

  /** {@code IsValidPortName}: IANA service names, at most 15 characters with a letter. */
  public static List<String> portName(String port) {
    List<String> errs = new ArrayList<>();
    if (port.length() > 15) {
      errs.add(maxLen(15));
    }
    if (!PORT_NAME_CHARSET.matcher(port).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!HAS_LETTER.matcher(port).matches()) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  /** {@code IsValidPortNum}: 1 to 65535. */
  public static List<String> portNumber(long port) {
    return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRange(1, 65535));
  }

  /** {@code IsValidPercent}. */
  public static List<String> percent(String value) {
    return PERCENT.matcher(value).matches() ? List.of()
        : List.of(regexError("a valid percent string must be a numeric string followed by an ending '%'",
            PERCENT_FMT, "1%", "93%"));
  }

  /** {@code IsRelaxedEnvVarName}, Kubernetes 1.32's default rule for environment variable names. */
  public static List<String> envVarName(String value) {
    List<String> errs = new ArrayList<>();
    if (value.isEmpty()) {
      errs.add("environment variable name must be non-empty");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c > 0x7E || c == '=')) {
      errs.add("a valid environment variable name must consist only of printable ASCII characters other than '='");
    }
    return errs;
  }

  /** {@code path.IsValidPathSegmentName} (RBAC object names), or its prefix form for generateName. */
  public static List<String> pathSegmentName(String name, boolean prefix) {
    List<String> errs = new ArrayList<>();
    if (!prefix) {
      for (String illegal : List.of(".", "..")) {
        if (name.equals(illegal)) {
          errs.add("may not be '" + illegal + "'");
        }
      }
    }
    for (String illegal : List.of("/", "%")) {
      if (name.contains(illegal)) {
        errs.add("may not contain '" + illegal + "'");
      }
    }
    return errs;
  }

  /** {@code IsValidIP}: a dotted-quad IPv4 or an IPv6 address (no zone, no leading zeros in IPv4). */
  public static List<String> ip(String value) {
    return IpAddresses.isIp(value) ? List.of() : List.of("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
  }

  /** The lower-cased form Kubernetes checks annotation keys in (case does not matter there). */
  static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  // Checks without a regex for the names every object carries (its name, label keys and values):
  // each accepts exactly what its pattern above matches, within the length limit, and a value they
  // refuse goes through the pattern for Kubernetes' message. Matching the patterns was most of the
  // validation time of a pod create.

  /** {@code value[from, to)} matches {@link #DNS1123_LABEL_FMT}. */
  static boolean isDns1123Label(String value, int from, int to) {
    if (to <= from || !lowerAlnum(value.charAt(from)) || !lowerAlnum(value.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = value.charAt(i);
      if (!lowerAlnum(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** {@code value[from, to)} matches {@link #DNS1123_SUBDOMAIN_FMT}: labels joined by dots. */
  static boolean isDns1123Subdomain(String value, int from, int to) {
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || value.charAt(i) == '.') {
        if (!isDns1123Label(value, start, i)) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  /** {@code value[from, to)} matches {@link #QUALIFIED_NAME_FMT} and is at most 63 characters. */
  static boolean isQualifiedNamePart(String value, int from, int to) {
    if (to <= from || to - from > 63 || !alnum(value.charAt(from)) || !alnum(value.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = value.charAt(i);
      if (!alnum(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean lowerAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  private static boolean alnum(char c) {
    return lowerAlnum(c) || c >= 'A' && c <= 'Z';
  }
}
