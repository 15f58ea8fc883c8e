package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.Status;

/** The object does not exist (404). Writes that race with a deletion see this; a controller usually treats it as "nothing to do". */
public class NotFoundException extends ApiException {

  private static final long serialVersionUID = 1L;

  /** The HTTP status code. */
  public static final int CODE = 404;

  /** The Kubernetes Status reason. */
  public static final String REASON = "NotFound";

  public NotFoundException(Status status) {
    super(status);
  }

  /** The Kubernetes error for a missing object: {@code pods "web-1" not found}. */
  public static NotFoundException of(String resource, String name) {
    return new NotFoundException(failure(CODE, REASON, resource + " \"" + name + "\" not found", resource, name));
  }
}
