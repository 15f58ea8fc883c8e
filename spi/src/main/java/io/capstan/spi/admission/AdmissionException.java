package io.capstan.spi.admission;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An admission plugin's refusal. The API server turns it into a 4xx response whose Kubernetes
 * {@code Status} body says what is wrong ({@link #toStatus(AdmissionRequest)}), and stores
 * nothing. The message must say what was wrong and, where it helps, what to do, without repeating
 * the object's name (the Status adds it).
 */
public final class AdmissionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String plugin;
  private final AdmissionReason reason;
  private final transient List<FieldError> fieldErrors;

  /** One invalid field: its path ({@code spec.containers[0].image}) and what is wrong. */
  public record FieldError(String field, String message) {
    public FieldError {
      requireNonNull(field, "field");
      requireNonNull(message, "message");
    }
  }

  private AdmissionException(String plugin, AdmissionReason reason, String message,
      List<FieldError> fieldErrors) {
    super(requireNonNull(message, "message"));
    this.plugin = requireNonNull(plugin, "plugin");
    this.reason = requireNonNull(reason, "reason");
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  /** A policy refusal (403). */
  public static AdmissionException forbidden(String plugin, String message) {
    return new AdmissionException(plugin, AdmissionReason.FORBIDDEN, message, List.of());
  }

  /** A malformed request (400). */
  public static AdmissionException badRequest(String plugin, String message) {
    return new AdmissionException(plugin, AdmissionReason.BAD_REQUEST, message, List.of());
  }

  /** Invalid fields (422); at least one. The message lists them as Kubernetes does. */
  public static AdmissionException invalid(String plugin, List<FieldError> errors) {
    if (requireNonNull(errors, "errors").isEmpty()) {
      throw new IllegalArgumentException("an invalid-object refusal needs at least one field error");
    }
    String message = errors.size() == 1
        ? errors.get(0).field() + ": " + errors.get(0).message()
        : errors.stream().map(e -> e.field() + ": " + e.message())
            .collect(Collectors.joining(", ", "[", "]"));
    return new AdmissionException(plugin, AdmissionReason.INVALID, message, errors);
  }

  /** The refusing plugin's name. */
  public String plugin() {
    return plugin;
  }

  public AdmissionReason reason() {
    return reason;
  }

  /** The invalid fields of an INVALID refusal, empty otherwise. */
  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  /**
   * The Kubernetes Status the API server returns: for FORBIDDEN {@code pods "web" is forbidden:
   * <message>}, for INVALID {@code Pod "web" is invalid: <field>: <message>}, for BAD_REQUEST the
   * message as it is. The details name the object and carry one cause per field error.
   */
  public Status toStatus(AdmissionRequest request) {
    requireNonNull(request, "request");
    String text = switch (reason) {
      case FORBIDDEN -> request.resource() + " \"" + request.name() + "\" is forbidden: " + getMessage();
      case INVALID -> request.kind() + " \"" + request.name() + "\" is invalid: " + getMessage();
      case BAD_REQUEST -> getMessage();
    };
    StatusDetails details = new StatusDetails();
    details.setGroup(request.group());
    details.setKind(reason == AdmissionReason.INVALID ? request.kind() : request.resource());
    details.setName(request.name());
    details.setCauses(fieldErrors.stream().map(e -> {
      StatusCause cause = new StatusCause();
      cause.setField(e.field());
      cause.setMessage(e.message());
      cause.setReason("FieldValueInvalid");
      return cause;
    }).toList());
    return new StatusBuilder().withStatus("Failure").withCode(reason.code())
        .withReason(reason.statusReason()).withMessage(text).withDetails(details).build();
  }
}
