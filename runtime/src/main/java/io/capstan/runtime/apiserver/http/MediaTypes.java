package io.capstan.runtime.apiserver.http;

import java.util.Locale;

/** The media types the API server speaks, and the checks on Accept and Content-Type headers. */
public final class MediaTypes {

  public static final String JSON = "application/json";
  public static final String YAML = "application/yaml";
  public static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
  public static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";
  public static final String JSON_PATCH = "application/json-patch+json";
  public static final String MERGE_PATCH = "application/merge-patch+json";
  public static final String STRATEGIC_PATCH = "application/strategic-merge-patch+json";
  public static final String APPLY_PATCH = "application/apply-patch+yaml";
  public static final String TEXT = "text/plain";

  private MediaTypes() {}

  /** The bare type of a header value: {@code application/json; charset=utf-8} is {@code application/json}. */
  public static String base(String header) {
    if (header == null) {
      return "";
    }
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the Accept header asks for a meta.k8s.io/v1 Table before plain JSON, as kubectl's
   * printers do ({@code application/json;as=Table;v=v1;g=meta.k8s.io,...,application/json}).
   */
  public static boolean wantsTable(String accept) {
    if (accept == null) {
      return false;
    }
    for (String part : accept.split(",")) {
      if (!base(part).equals(JSON)) {
        continue;
      }
      java.util.Map<String, String> params = new java.util.HashMap<>();
      for (String param : part.split(";")) {
        int eq = param.indexOf('=');
        if (eq > 0) {
          params.put(param.substring(0, eq).trim().toLowerCase(Locale.ROOT), param.substring(eq + 1).trim());
        }
      }
      if (!params.containsKey("as")) {
        return false; // plain JSON comes first
      }
      if ("Table".equalsIgnoreCase(params.get("as")) && "meta.k8s.io".equals(params.get("g")) && "v1".equals(params.get("v"))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the first acceptable type is YAML. */
  public static boolean wantsYaml(String accept) {
    if (accept == null) {
      return false;
    }
    for (String part : accept.split(",")) {
      String type = base(part);
      if (type.equals(YAML) || type.equals("application/x-yaml") || type.equals("text/yaml")) {
        return true;
      }
      if (type.equals(JSON) || type.equals(PROTOBUF) || type.equals("*/*")) {
        return false;
      }
    }
    return false;
  }
}
