package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.Status;

/**
 * A write lost an optimistic-concurrency race (409, reason {@code Conflict}): the object's
 * resourceVersion was stale, or a delete precondition did not hold. Re-read and retry; from a
 * controller, return {@code Result.requeue()} and let the next reconcile read the fresh object.
 */
public class ConflictException extends ApiException {

  private static final long serialVersionUID = 1L;

  /** The HTTP status code (shared with {@link AlreadyExistsException}, told apart by reason). */
  public static final int CODE = 409;

  /** The Kubernetes Status reason. */
  public static final String REASON = "Conflict";

  public ConflictException(Status status) {
    super(status);
  }

  /**
   * The Kubernetes error for a stale resourceVersion: {@code Operation cannot be fulfilled on
   * pods "web-1": the object has been modified; please apply your changes to the latest version
   * and try again}.
   */
  public static ConflictException of(String resource, String name) {
    return new ConflictException(failure(CODE, REASON,
        "Operation cannot be fulfilled on " + resource + " \"" + name
            + "\": the object has been modified; please apply your changes to the latest version"
            + " and try again",
        resource, name));
  }
}
