package io.capstan.runtime.apiserver.patch;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import java.util.List;

/**
 * A patch the API server refuses, with the HTTP code, reason and message the Kubernetes API
 * server answers with for the same request, so that the handler can turn it into a
 * {@code Status} with {@link #toStatus()} and kubectl prints what it prints against Kubernetes.
 *
 * <p>The codes follow {@code k8s.io/apiserver/pkg/endpoints/handlers/patch.go}: a body that does
 * not decode is 400 {@code BadRequest}; a well-formed patch that cannot be applied (a failed JSON
 * patch {@code test}, a missing path, a strategic merge directive that contradicts the object) is
 * 422 with reason {@code Invalid}, Kubernetes' generic message and the specific error as a cause
 * of type {@code UnexpectedServerResponse} (that is {@code errors.NewGenericServerResponse(422, ...)});
 * a content type the kind does not accept is 415.
 */
public class PatchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Kubernetes' message for every 422 built by {@code NewGenericServerResponse}. */
  public static final String GENERIC_INVALID_MESSAGE = "the server rejected our request due to an error in our request";

  private final int code;
  private final String reason;
  private final transient List<StatusCause> causes;

  protected PatchException(int code, String reason, String message, List<StatusCause> causes) {
    super(requireNonNull(message, "message"));
    this.code = code;
    this.reason = requireNonNull(reason, "reason");
    this.causes = List.copyOf(requireNonNull(causes, "causes"));
  }

  /** 400 BadRequest: the body is not a patch of this type ({@code errors.NewBadRequest}). */
  public static PatchException badRequest(String message) {
    return new PatchException(400, "BadRequest", message, List.of());
  }

  /**
   * 422 Invalid the way Kubernetes reports a patch that does not apply: the generic message, and
   * {@code detail} as the one cause.
   */
  public static PatchException cannotApply(String detail) {
    requireNonNull(detail, "detail");
    StatusCause cause = new StatusCauseBuilder().withReason("UnexpectedServerResponse").withMessage(detail).build();
    return new PatchException(422, "Invalid", GENERIC_INVALID_MESSAGE, List.of(cause));
  }

  /** 422 Invalid with Kubernetes' own message (request options that fail validation). */
  public static PatchException invalid(String message) {
    return new PatchException(422, "Invalid", message, List.of());
  }

  /** 415 UnsupportedMediaType, with Kubernetes' wording listing what the resource accepts. */
  public static PatchException unsupportedMediaType(List<String> accepted) {
    return new PatchException(415, "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + String.join(", ", accepted), List.of());
  }

  /** 413 RequestEntityTooLarge. */
  public static PatchException tooLarge(String message) {
    return new PatchException(413, "RequestEntityTooLarge", message, List.of());
  }

  /** The HTTP status code. */
  public int code() {
    return code;
  }

  /** The Kubernetes Status reason ({@code BadRequest}, {@code Invalid}, ...). */
  public String reason() {
    return reason;
  }

  /** The Status causes, empty when Kubernetes sends none. */
  public List<StatusCause> causes() {
    return causes;
  }

  /**
   * The most specific text: the first cause's message when there is one (what went wrong in the
   * patch), else the message.
   */
  public String detail() {
    return causes.isEmpty() || causes.get(0).getMessage() == null ? getMessage() : causes.get(0).getMessage();
  }

  /**
   * The failure {@code Status} Kubernetes sends for this error, without naming the object (the
   * handler may add {@code details.name} and {@code details.kind}).
   */
  public Status toStatus() {
    StatusBuilder b = new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
        .withMessage(getMessage());
    if (!causes.isEmpty()) {
      b.withNewDetails().withCauses(causes).endDetails();
    }
    return b.build();
  }
}
