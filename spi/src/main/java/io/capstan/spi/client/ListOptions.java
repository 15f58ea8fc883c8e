package io.capstan.spi.client;

import static java.util.Objects.requireNonNull;

/**
 * The query of a list or watch, with the meaning of the Kubernetes query parameters of the same
 * names. Empty strings mean "not set", as in Kubernetes. Start from {@link #all()} or
 * {@link #inNamespace(String)} and refine with the {@code with...} methods.
 *
 * @param namespace the namespace to list, or {@link #ALL_NAMESPACES}; must be {@code ""} for
 *     cluster-scoped kinds
 * @param labelSelector a label selector in Kubernetes string syntax ({@code app=web,tier!=db}), or
 *     {@code ""} for everything; a syntax error is reported by the server as 400 Bad Request
 * @param fieldSelector a field selector ({@code spec.nodeName=n1}), or {@code ""}
 * @param resourceVersion for list: {@code ""} means a consistent read of the latest state,
 *     {@code "0"} means any state the server has cached; for watch: the version to start after
 * @param limit the maximum number of items in one page; {@code 0} means no limit
 * @param continueToken the token from the previous page's {@link ObjectList#continueToken()}, or
 *     {@code ""} for the first page
 * @param allowWatchBookmarks for watch: ask for {@link WatchEventType#BOOKMARK} events
 */
public record ListOptions(
    String namespace,
    String labelSelector,
    String fieldSelector,
    String resourceVersion,
    long limit,
    String continueToken,
    boolean allowWatchBookmarks) {

  /** The namespace value that lists across all namespaces (Kubernetes' {@code NamespaceAll}). */
  public static final String ALL_NAMESPACES = "";

  public ListOptions {
    requireNonNull(namespace, "namespace");
    requireNonNull(labelSelector, "labelSelector");
    requireNonNull(fieldSelector, "fieldSelector");
    requireNonNull(resourceVersion, "resourceVersion");
    requireNonNull(continueToken, "continueToken");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0 (0 = no limit), got " + limit);
    }
    // Kubernetes rejects this combination too: the token already pins the snapshot being read.
    if (!continueToken.isEmpty() && !resourceVersion.isEmpty()) {
      throw new IllegalArgumentException(
          "resourceVersion must be empty when a continue token is given (the token pins the snapshot)");
    }
  }

  /** Everything in every namespace (or every object of a cluster-scoped kind). */
  public static ListOptions all() {
    return new ListOptions(ALL_NAMESPACES, "", "", "", 0, "", false);
  }

  /** Everything in one namespace. */
  public static ListOptions inNamespace(String namespace) {
    return all().withNamespace(namespace);
  }

  public ListOptions withNamespace(String namespace) {
    return new ListOptions(namespace, labelSelector, fieldSelector, resourceVersion, limit,
        continueToken, allowWatchBookmarks);
  }

  public ListOptions withLabelSelector(String selector) {
    return new ListOptions(namespace, selector, fieldSelector, resourceVersion, limit,
        continueToken, allowWatchBookmarks);
  }

  public ListOptions withFieldSelector(String selector) {
    return new ListOptions(namespace, labelSelector, selector, resourceVersion, limit,
        continueToken, allowWatchBookmarks);
  }

  public ListOptions withResourceVersion(String version) {
    return new ListOptions(namespace, labelSelector, fieldSelector, version, limit,
        continueToken, allowWatchBookmarks);
  }

  public ListOptions withLimit(long pageSize) {
    return new ListOptions(namespace, labelSelector, fieldSelector, resourceVersion, pageSize,
        continueToken, allowWatchBookmarks);
  }

  /**
   * The options for the page after {@code previous}: same query, its continue token, and no
   * resourceVersion (the token carries the snapshot).
   *
   * @throws IllegalArgumentException when {@code previous} was the last page
   */
  public ListOptions next(ObjectList<?> previous) {
    requireNonNull(previous, "previous");
    if (!previous.hasMore()) {
      throw new IllegalArgumentException("the previous page was the last one (no continue token)");
    }
    return new ListOptions(namespace, labelSelector, fieldSelector, "", limit,
        previous.continueToken(), allowWatchBookmarks);
  }

  public ListOptions withAllowWatchBookmarks(boolean allow) {
    return new ListOptions(namespace, labelSelector, fieldSelector, resourceVersion, limit,
        continueToken, allow);
  }

  /** True when this lists across all namespaces. */
  public boolean allNamespaces() {
    return namespace.isEmpty();
  }
}
