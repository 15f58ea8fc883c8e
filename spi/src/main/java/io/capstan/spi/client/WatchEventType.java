package io.capstan.spi.client;

/** The type of a watch event, with the names of the Kubernetes watch framing. */
public enum WatchEventType {
  ADDED,
  MODIFIED,
  DELETED,
  /**
   * Carries no change, only a newer resourceVersion in an otherwise empty object's metadata, so a
   * watcher can resume from it. Sent only when {@link ListOptions#allowWatchBookmarks()} is set.
   */
  BOOKMARK
}
