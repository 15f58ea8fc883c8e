package io.capstan.spi.auth;

import static java.util.Objects.requireNonNull;

/**
 * What an authorizer decides about, as Kubernetes' {@code authorizer.Attributes}. Empty strings
 * mean "not applicable". Build with {@link #resource} or {@link #nonResource}.
 *
 * @param user the authenticated user (with {@code system:authenticated} already added)
 * @param verb see {@link Verbs}
 * @param namespace the namespace of a namespaced resource request; {@code ""} for cluster-scoped
 *     resources and for list/watch across all namespaces
 * @param apiGroup the API group ({@code ""} is the core group, {@code apps}, ...)
 * @param apiVersion the version ({@code v1})
 * @param resource the plural resource ({@code pods})
 * @param subresource {@code status}, {@code binding}, {@code log}, ... or {@code ""}
 * @param name the object's name; {@code ""} for create (before generateName) and collection verbs
 * @param resourceRequest true for requests under {@code /api} and {@code /apis} that address
 *     resources; false for other paths ({@code /healthz}, {@code /version})
 * @param path the request path of a non-resource request, {@code ""} for resource requests
 */
public record AuthorizationAttributes(
    UserInfo user,
    String verb,
    String namespace,
    String apiGroup,
    String apiVersion,
    String resource,
    String subresource,
    String name,
    boolean resourceRequest,
    String path) {

  public AuthorizationAttributes {
    requireNonNull(user, "user");
    requireNonNull(verb, "verb");
    requireNonNull(namespace, "namespace");
    requireNonNull(apiGroup, "apiGroup");
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(resource, "resource");
    requireNonNull(subresource, "subresource");
    requireNonNull(name, "name");
    requireNonNull(path, "path");
    if (verb.isEmpty()) {
      throw new IllegalArgumentException("verb must not be empty");
    }
    if (resourceRequest) {
      if (resource.isEmpty()) {
        throw new IllegalArgumentException("a resource request needs a resource");
      }
      if (!path.isEmpty()) {
        throw new IllegalArgumentException("a resource request has no non-resource path");
      }
    } else {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("a non-resource request needs a path starting with '/'");
      }
      if (!(namespace + apiGroup + apiVersion + resource + subresource + name).isEmpty()) {
        throw new IllegalArgumentException("a non-resource request has only user, verb and path");
      }
    }
  }

  /** A resource request. */
  public static AuthorizationAttributes resource(UserInfo user, String verb, String namespace,
      String apiGroup, String apiVersion, String resource, String subresource, String name) {
    return new AuthorizationAttributes(user, verb, namespace, apiGroup, apiVersion, resource,
        subresource, name, true, "");
  }

  /** A request for a non-resource URL such as {@code /healthz}. */
  public static AuthorizationAttributes nonResource(UserInfo user, String verb, String path) {
    return new AuthorizationAttributes(user, verb, "", "", "", "", "", "", false, path);
  }

  /**
   * A short description for logs and 403 messages, in Kubernetes' words: {@code User "bob" cannot
   * create resource "pods/binding" in API group "" in the namespace "prod"}.
   */
  public String describeDenial() {
    if (!resourceRequest) {
      return "User \"" + user.name() + "\" cannot " + verb + " path \"" + path + "\"";
    }
    String res = subresource.isEmpty() ? resource : resource + "/" + subresource;
    String where = namespace.isEmpty() ? " at the cluster scope" : " in the namespace \"" + namespace + "\"";
    return "User \"" + user.name() + "\" cannot " + verb + " resource \"" + res
        + "\" in API group \"" + apiGroup + "\"" + where;
  }
}
