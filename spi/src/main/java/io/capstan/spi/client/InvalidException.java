package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.Status;

/** The object failed validation (422). {@code status().getDetails().getCauses()} lists each bad field with its path when the server provided them. */
public class InvalidException extends ApiException {

  private static final long serialVersionUID = 1L;

  /** The HTTP status code. */
  public static final int CODE = 422;

  /** The Kubernetes Status reason. */
  public static final String REASON = "Invalid";

  public InvalidException(Status status) {
    super(status);
  }

  /** The Kubernetes error shape: {@code Pod "web-1" is invalid: spec.containers[0].image: Required value}. */
  public static InvalidException of(String kind, String resource, String name, String fieldErrors) {
    return new InvalidException(failure(CODE, REASON, kind + " \"" + name + "\" is invalid: " + fieldErrors, resource, name));
  }
}
