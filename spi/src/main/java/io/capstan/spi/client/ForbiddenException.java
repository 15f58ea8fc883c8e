package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.Status;

/** The caller may not do this (403): an authorizer denied it or an admission plugin forbade it. The message says which and why. */
public class ForbiddenException extends ApiException {

  private static final long serialVersionUID = 1L;

  /** The HTTP status code. */
  public static final int CODE = 403;

  /** The Kubernetes Status reason. */
  public static final String REASON = "Forbidden";

  public ForbiddenException(Status status) {
    super(status);
  }

  /** The Kubernetes error shape: {@code pods "web-1" is forbidden: <why>}. */
  public static ForbiddenException of(String resource, String name, String why) {
    return new ForbiddenException(failure(CODE, REASON, resource + " \"" + name + "\" is forbidden: " + why, resource, name));
  }
}
