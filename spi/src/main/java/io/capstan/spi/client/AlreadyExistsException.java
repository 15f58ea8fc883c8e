package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.Status;

/** A create named an object that already exists (409, reason {@code AlreadyExists}). */
public class AlreadyExistsException extends ApiException {

  private static final long serialVersionUID = 1L;

  /** The HTTP status code. */
  public static final int CODE = 409;

  /** The Kubernetes Status reason. */
  public static final String REASON = "AlreadyExists";

  public AlreadyExistsException(Status status) {
    super(status);
  }

  /** The Kubernetes error for a taken name: {@code pods "web-1" already exists}. */
  public static AlreadyExistsException of(String resource, String name) {
    return new AlreadyExistsException(failure(CODE, REASON, resource + " \"" + name + "\" already exists", resource, name));
  }
}
