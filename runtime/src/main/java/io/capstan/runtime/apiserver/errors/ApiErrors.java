package io.capstan.runtime.apiserver.errors;

import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.GoneException;
import io.capstan.spi.client.NotFoundException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;

/**
 * The API server's errors with Kubernetes' exact codes, reasons and messages (from
 * k8s.io/apimachinery/pkg/api/errors), so kubectl prints what a Kubernetes user expects, e.g.
 * {@code Error from server (NotFound): deployments.apps "web" not found}.
 */
public final class ApiErrors {

  private ApiErrors() {}

  public static NotFoundException notFound(ResourceKind kind, String name) {
    return new NotFoundException(status(404, "NotFound",
        kind.qualifiedResource() + " \"" + name + "\" not found", details(kind, name)));
  }

  public static AlreadyExistsException alreadyExists(ResourceKind kind, String name) {
    return new AlreadyExistsException(status(409, "AlreadyExists",
        kind.qualifiedResource() + " \"" + name + "\" already exists", details(kind, name)));
  }

  /** The optimistic-concurrency failure of an update whose resourceVersion is stale. */
  public static ConflictException conflict(ResourceKind kind, String name, String why) {
    return new ConflictException(status(409, "Conflict",
        "Operation cannot be fulfilled on " + kind.qualifiedResource() + " \"" + name + "\": " + why, details(kind, name)));
  }

  public static ConflictException modified(ResourceKind kind, String name) {
    return conflict(kind, name, "the object has been modified; please apply your changes to the latest version and try again");
  }

  /** 410 Expired: the requested version left the history window; clients list again. */
  public static GoneException expired(String message) {
    return new GoneException(status(410, "Expired", message, null));
  }

  public static ApiException badRequest(String message) {
    return new ApiException(status(400, "BadRequest", message, null));
  }

  public static ApiException methodNotAllowed(String message) {
    return new ApiException(status(405, "MethodNotAllowed", message, null));
  }

  public static ApiException notAcceptable(String message) {
    return new ApiException(status(406, "NotAcceptable", message, null));
  }

  public static ApiException unsupportedMediaType(String message) {
    return new ApiException(status(415, "UnsupportedMediaType", message, null));
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(status(413, "RequestEntityTooLarge", message, null));
  }

  public static ApiException notFoundPath(String message) {
    return new ApiException(status(404, "NotFound", message, null));
  }

  public static ApiException internal(String message) {
    return new ApiException(status(500, "InternalError", "Internal error occurred: " + message, null));
  }

  public static ApiException serviceUnavailable(String message) {
    return new ApiException(status(503, "ServiceUnavailable", message, null));
  }

  /** 429 TooManyRequests with a cause, as an eviction that a disruption budget forbids. */
  public static ApiException tooManyRequests(String message, String causeReason, String causeMessage) {
    StatusDetails details = new StatusDetailsBuilder().addNewCause().withReason(causeReason).withMessage(causeMessage).endCause().build();
    return new ApiException(status(429, "TooManyRequests", message, details));
  }

  public static ApiException timeout(String message) {
    return new ApiException(status(504, "Timeout", message, null));
  }

  public static StatusDetails details(ResourceKind kind, String name) {
    return new StatusDetailsBuilder().withName(name).withGroup(kind.group().isEmpty() ? null : kind.group())
        .withKind(kind.plural()).build();
  }

  public static Status status(int code, String reason, String message, StatusDetails details) {
    return new StatusBuilder().withApiVersion("v1").withKind("Status").withNewMetadata().endMetadata()
        .withStatus("Failure").withCode(code).withReason(reason).withMessage(message).withDetails(details).build();
  }

  /** The body of a successful delete answered with a Status (collection deletes, for instance). */
  public static Status success(ResourceKind kind, String name) {
    return new StatusBuilder().withApiVersion("v1").withKind("Status").withNewMetadata().endMetadata()
        .withStatus("Success").withDetails(details(kind, name)).build();
  }
}
