package io.capstan.runtime.apiserver.validation;

/**
 * Why a field is invalid: Kubernetes' {@code field.ErrorType}
 * (k8s.io/apimachinery/pkg/util/validation/field/errors.go), with the machine-readable reason that
 * goes into a Status cause and the words that start the human message.
 */
public enum ErrorType {
  /** A referenced value does not exist (a volume mount naming no volume). */
  NOT_FOUND("FieldValueNotFound", "Not found", true),
  /** A required value is missing: empty string, null or empty list. */
  REQUIRED("FieldValueRequired", "Required value", false),
  /** A value that must be unique is not (container names, port names). */
  DUPLICATE("FieldValueDuplicate", "Duplicate value", true),
  /** A malformed value: failed pattern, out of range. */
  INVALID("FieldValueInvalid", "Invalid value", true),
  /** A value outside an enumeration; the detail lists the supported values. */
  NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value", true),
  /** A well-formed value that is not allowed here (policy, immutability, conflicting fields). */
  FORBIDDEN("FieldValueForbidden", "Forbidden", false),
  /** A value longer than allowed; the value itself is never printed. */
  TOO_LONG("FieldValueTooLong", "Too long", false),
  /** A list with too many items. */
  TOO_MANY("FieldValueTooMany", "Too many", true),
  /** A value of the wrong JSON type for the field's schema. */
  TYPE_INVALID("FieldValueTypeInvalid", "Invalid value", true),
  /** A failure of the validator itself, not of the input. */
  INTERNAL("InternalError", "Internal error", false);

  private final String reason;
  private final String label;
  private final boolean printsValue;

  ErrorType(String reason, String label, boolean printsValue) {
    this.reason = reason;
    this.label = label;
    this.printsValue = printsValue;
  }

  /** The cause reason in a Status ({@code FieldValueInvalid}). */
  public String reason() {
    return reason;
  }

  /** The words that start the message ({@code Invalid value}). */
  public String label() {
    return label;
  }

  /**
   * Whether the message shows the bad value: Kubernetes omits it for Required, Forbidden, TooLong and
   * Internal errors (their value is meaningless or too big to repeat).
   */
  public boolean printsValue() {
    return printsValue;
  }
}
