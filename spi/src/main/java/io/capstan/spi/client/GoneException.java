package io.capstan.spi.client;

import io.fabric8.kubernetes.api.model.Status;

/** The requested resourceVersion or continue token is older than the store keeps (410). Start again with a fresh list; informers do this themselves. */
public class GoneException extends ApiException {

  private static final long serialVersionUID = 1L;

  /** The HTTP status code. */
  public static final int CODE = 410;

  /** The Kubernetes Status reason. */
  public static final String REASON = "Expired";

  public GoneException(Status status) {
    super(status);
  }

  /** The Kubernetes error for a compacted version: {@code too old resource version: 5 (42)}. */
  public static GoneException of(String resource, long requested, long oldest) {
    return new GoneException(failure(CODE, REASON, "too old resource version: " + requested + " (" + oldest + ")", resource, ""));
  }
}
