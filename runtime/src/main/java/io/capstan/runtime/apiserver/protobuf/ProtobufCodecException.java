package io.capstan.runtime.apiserver.protobuf;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.CapstanException;

/**
 * A body that {@link KubeProtobuf} cannot decode, or an object it cannot encode. The {@link #reason()}
 * tells the API server which Kubernetes error to answer with; the message says what was wrong and
 * where (kind, field path), for the {@code Status} message or the log.
 */
public final class ProtobufCodecException extends CapstanException {

  private static final long serialVersionUID = 1L;

  /** Why the codec refused, and the HTTP status the API server answers with. */
  public enum Reason {
    /**
     * The body is not a Kubernetes protobuf envelope (no {@code k8s\0} magic, an unreadable
     * {@code runtime.Unknown}, a content encoding such as gzip): 415, as kube-apiserver answers a body
     * it cannot decode.
     */
    UNKNOWN_FORMAT(415),
    /** A well-formed envelope of a kind this codec has no schema for: 415, so the client can resend JSON. */
    UNSUPPORTED_KIND(415),
    /** The envelope names a supported kind but its bytes or values are invalid for that kind: 400. */
    MALFORMED_OBJECT(400),
    /** A JSON object that cannot be written as protobuf (wrong value type for a field): a server bug, 500. */
    UNENCODABLE_OBJECT(500);

    private final int httpStatus;

    Reason(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    /** The HTTP status the API server answers with. */
    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Reason reason;

  /** An error with {@code reason}; {@code message} says what was wrong and where. */
  public ProtobufCodecException(Reason reason, String message) {
    super(message);
    this.reason = requireNonNull(reason, "reason");
  }

  /** An error with {@code reason} caused by {@code cause} (a protobuf or JSON parse error). */
  public ProtobufCodecException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = requireNonNull(reason, "reason");
  }

  /** Why the codec refused. */
  public Reason reason() {
    return reason;
  }

  /** Shorthand for {@code reason().httpStatus()}. */
  public int httpStatus() {
    return reason.httpStatus();
  }
}
