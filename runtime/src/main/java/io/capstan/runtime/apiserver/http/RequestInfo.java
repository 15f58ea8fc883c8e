package io.capstan.runtime.apiserver.http;

import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a request path means, as Kubernetes' RequestInfoFactory reads it:
 * {@code /api/v1/namespaces/default/pods/web/status} is verb get, group "", version v1, namespace
 * default, resource pods, name web, subresource status. Non-resource paths ({@code /version},
 * {@code /healthz}) have {@code resourceRequest} false.
 */
public record RequestInfo(boolean resourceRequest, String path, String verb, String group, String version,
    String namespace, String resource, String name, String subresource) {

  /** Namespace subresources: {@code /api/v1/namespaces/x/status} is namespace x's status, not a resource "status" in x. */
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  public static RequestInfo parse(String method, String path, boolean watchParam) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    if (parts.isEmpty() || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
      return nonResource(method, path);
    }
    int at;
    String group;
    if (parts.get(0).equals("api")) {
      group = "";
      at = 1;
    } else {
      if (parts.size() < 2) {
        return nonResource(method, path);
      }
      group = parts.get(1);
      at = 2;
    }
    if (parts.size() <= at) {
      return nonResource(method, path);
    }
    String version = parts.get(at);
    List<String> rest = parts.subList(at + 1, parts.size());
    if (rest.isEmpty()) {
      return nonResource(method, path);
    }
    boolean legacyWatch = false;
    if (rest.get(0).equals("watch")) {
      legacyWatch = true;
      rest = rest.subList(1, rest.size());
    }
    String namespace = "";
    if (rest.size() >= 1 && rest.get(0).equals("namespaces")) {
      if (rest.size() >= 3 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
        namespace = rest.get(1);
        rest = rest.subList(2, rest.size());
      } else if (rest.size() >= 2) {
        namespace = rest.get(1);
      }
    }
    if (rest.isEmpty()) {
      return nonResource(method, path);
    }
    String resource = rest.get(0);
    String name = rest.size() >= 2 ? rest.get(1) : "";
    String subresource = rest.size() >= 3 ? String.join("/", rest.subList(2, rest.size())) : "";
    String verb = verb(method.toUpperCase(Locale.ROOT), !name.isEmpty(), watchParam || legacyWatch);
    return new RequestInfo(true, path, verb, group, version, namespace, resource, name, subresource);
  }

  private static String verb(String method, boolean named, boolean watch) {
    return switch (method) {
      case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> method.toLowerCase(Locale.ROOT);
    };
  }

  private static RequestInfo nonResource(String method, String path) {
    return new RequestInfo(false, path, method.toLowerCase(Locale.ROOT), "", "", "", "", "", "");
  }

  /** What authorizers decide about for this request by {@code user}. */
  public AuthorizationAttributes attributes(UserInfo user) {
    return resourceRequest
        ? AuthorizationAttributes.resource(user, verb, namespace, group, version, resource, subresource, name)
        : AuthorizationAttributes.nonResource(user, verb, path.isEmpty() ? "/" : path);
  }

  /** {@code v1} or {@code apps/v1}. */
  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
