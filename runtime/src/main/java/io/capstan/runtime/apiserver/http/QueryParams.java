package io.capstan.runtime.apiserver.http;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.resource.ListQuery;
import org.eclipse.jetty.util.Fields;

/** Typed access to a request's query parameters, with Kubernetes' parameter names. */
record QueryParams(Fields fields) {

  String get(String name) {
    String value = fields.getValue(name);
    return value == null ? "" : value;
  }

  boolean flag(String name) {
    String value = get(name);
    return value.equals("true") || value.equals("1");
  }

  long number(String name, long fallback) {
    String value = get(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiErrors.badRequest("invalid value for " + name + ": " + value);
    }
  }

  boolean dryRun() {
    String value = get("dryRun");
    if (value.isEmpty()) {
      return false;
    }
    if (!value.equals("All")) {
      throw ApiErrors.badRequest("Invalid dryRun value: " + value + "; supported values: \"All\"");
    }
    return true;
  }

  ListQuery listQuery() {
    long limit = number("limit", 0);
    if (limit < 0) {
      throw ApiErrors.badRequest("limit must be non-negative");
    }
    String cont = get("continue");
    String rv = get("resourceVersion");
    if (!cont.isEmpty() && !rv.isEmpty() && !rv.equals("0")) {
      throw ApiErrors.badRequest("specifying resource version is not allowed when using continue");
    }
    return new ListQuery(get("labelSelector"), get("fieldSelector"), cont.isEmpty() ? rv : "", get("resourceVersionMatch"),
        limit, cont, flag("allowWatchBookmarks"), number("timeoutSeconds", 0));
  }
}
