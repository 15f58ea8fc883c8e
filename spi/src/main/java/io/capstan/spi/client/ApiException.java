package io.capstan.spi.client;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;

/**
 * A request the API server refused or could not complete, carrying the Kubernetes {@code Status}
 * body the server sent (or would send over HTTP). Unchecked, so that reconcile code can let it
 * propagate: a controller host treats an escaping {@code ApiException} like
 * {@code Result.error(e)}.
 *
 * <p>Catch the subclass that matches what you can handle ({@link NotFoundException},
 * {@link ConflictException}, ...); {@link #fromStatus(Status)} maps a Status to the right subclass
 * so remote and in-process clients throw the same types.
 */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Status status;

  public ApiException(Status status) {
    super(messageOf(status));
    this.status = status;
  }

  public ApiException(Status status, Throwable cause) {
    super(messageOf(status), cause);
    this.status = status;
  }

  private static String messageOf(Status status) {
    requireNonNull(status, "status");
    String message = status.getMessage();
    return message == null || message.isEmpty() ? String.valueOf(status.getReason()) : message;
  }

  /** The HTTP status code; 0 when the server could not be reached. */
  public int code() {
    Integer code = status.getCode();
    return code == null ? 0 : code;
  }

  /** The machine-readable reason ({@code NotFound}, {@code Conflict}, ...), or {@code ""}. */
  public String reason() {
    String reason = status.getReason();
    return reason == null ? "" : reason;
  }

  /** The Kubernetes Status body. Read-only by convention. */
  public Status status() {
    return status;
  }

  /**
   * The exception type matching a failure Status: 404 → {@link NotFoundException}, 409 with reason
   * {@code AlreadyExists} → {@link AlreadyExistsException}, other 409 → {@link ConflictException},
   * 410 → {@link GoneException}, 403 → {@link ForbiddenException}, 422 → {@link InvalidException},
   * anything else → a plain {@code ApiException}.
   */
  public static ApiException fromStatus(Status status) {
    requireNonNull(status, "status");
    int code = status.getCode() == null ? 0 : status.getCode();
    return switch (code) {
      case NotFoundException.CODE -> new NotFoundException(status);
      case ConflictException.CODE -> AlreadyExistsException.REASON.equals(status.getReason())
          ? new AlreadyExistsException(status)
          : new ConflictException(status);
      case GoneException.CODE -> new GoneException(status);
      case ForbiddenException.CODE -> new ForbiddenException(status);
      case InvalidException.CODE -> new InvalidException(status);
      default -> new ApiException(status);
    };
  }

  /**
   * A failure Status shaped like the Kubernetes API server's: {@code status: Failure}, the code,
   * reason and message, and details naming the object.
   *
   * @param resource the plural resource name ({@code pods}), used as {@code details.kind} like
   *     Kubernetes does
   * @param name the object's name, or {@code ""}
   */
  public static Status failure(int code, String reason, String message, String resource,
      String name) {
    StatusDetails details = new StatusDetails();
    details.setKind(requireNonNull(resource, "resource"));
    details.setName(requireNonNull(name, "name"));
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(code)
        .withReason(requireNonNull(reason, "reason"))
        .withMessage(requireNonNull(message, "message"))
        .withDetails(details)
        .build();
  }
}
