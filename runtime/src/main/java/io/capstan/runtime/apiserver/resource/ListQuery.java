package io.capstan.runtime.apiserver.resource;

import static java.util.Objects.requireNonNull;

/**
 * The query of a list or watch, as Kubernetes' ListOptions: selectors, version semantics and
 * paging.
 *
 * @param resourceVersion {@code ""}: the latest state (a consistent read); {@code "0"}: any state
 *     (served from the watch cache); a number: at least that new, or exactly it with
 *     {@code resourceVersionMatch=Exact}. For a watch: the version to start after.
 * @param resourceVersionMatch {@code ""}, {@code NotOlderThan} or {@code Exact}
 * @param timeoutSeconds for watches: end the stream after this long (0: the server's default)
 */
public record ListQuery(String labelSelector, String fieldSelector, String resourceVersion,
    String resourceVersionMatch, long limit, String continueToken, boolean allowWatchBookmarks,
    long timeoutSeconds) {

  public static final ListQuery ALL = new ListQuery("", "", "", "", 0, "", false, 0);

  public ListQuery {
    requireNonNull(labelSelector, "labelSelector");
    requireNonNull(fieldSelector, "fieldSelector");
    requireNonNull(resourceVersion, "resourceVersion");
    requireNonNull(resourceVersionMatch, "resourceVersionMatch");
    requireNonNull(continueToken, "continueToken");
  }

  public ListQuery withLabelSelector(String selector) {
    return new ListQuery(selector, fieldSelector, resourceVersion, resourceVersionMatch, limit, continueToken,
        allowWatchBookmarks, timeoutSeconds);
  }

  public ListQuery withFieldSelector(String selector) {
    return new ListQuery(labelSelector, selector, resourceVersion, resourceVersionMatch, limit, continueToken,
        allowWatchBookmarks, timeoutSeconds);
  }

  public ListQuery withResourceVersion(String version) {
    return new ListQuery(labelSelector, fieldSelector, version, resourceVersionMatch, limit, continueToken,
        allowWatchBookmarks, timeoutSeconds);
  }

  public ListQuery withLimit(long max, String token) {
    return new ListQuery(labelSelector, fieldSelector, resourceVersion, resourceVersionMatch, max, token,
        allowWatchBookmarks, timeoutSeconds);
  }

  public ListQuery withBookmarks(boolean allow) {
    return new ListQuery(labelSelector, fieldSelector, resourceVersion, resourceVersionMatch, limit, continueToken,
        allow, timeoutSeconds);
  }
}
