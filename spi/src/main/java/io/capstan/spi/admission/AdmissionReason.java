package io.capstan.spi.admission;

/** Why admission refused a request, with the HTTP code and Kubernetes Status reason it maps to. */
public enum AdmissionReason {
  /** A policy forbids the request (namespace terminating, quota exceeded). */
  FORBIDDEN(403, "Forbidden"),
  /** The object is not acceptable; the message names the fields. */
  INVALID(422, "Invalid"),
  /** The request itself is malformed (missing namespace, wrong kind for the endpoint). */
  BAD_REQUEST(400, "BadRequest");

  private final int code;
  private final String statusReason;

  AdmissionReason(int code, String statusReason) {
    this.code = code;
    this.statusReason = statusReason;
  }

  /** The HTTP status code of the response. */
  public int code() {
    return code;
  }

  /** The {@code reason} field of the Kubernetes Status. */
  public String statusReason() {
    return statusReason;
  }
}
