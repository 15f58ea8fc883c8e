package io.capstan.runtime.apiserver.validation;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.admission.AdmissionException;

/**
 * One invalid field, Capstan's form of Kubernetes' {@code field.Error}. The message
 * ({@link #body()}) is built exactly as Kubernetes' {@code ErrorBody} builds it:
 * {@code Invalid value: -1: must be greater than or equal to 0}, {@code Required value},
 * {@code Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"},
 * {@code Duplicate value: "web"}, {@code Too long: may not be more than 262144 bytes}.
 *
 * @param type why the field is invalid
 * @param field the Kubernetes-style path ({@code spec.containers[0].image}); {@code ""} means the
 *     whole object
 * @param badValue the offending value as Go would hold it: {@code String}, a number, {@code Boolean},
 *     a list, a map, a fabric8 object, or {@code null} for Go's nil (printed {@code null}); ignored
 *     in the message of types that do not print values
 * @param detail what is wrong, or {@code ""}
 */
public record FieldError(ErrorType type, String field, Object badValue, String detail) {

  public FieldError {
    requireNonNull(type, "type");
    requireNonNull(field, "field");
    requireNonNull(detail, "detail");
  }

  /** The message without the field, as in a Status cause: {@code Invalid value: "x": detail}. */
  public String body() {
    StringBuilder s = new StringBuilder(type.label());
    if (type.printsValue()) {
      s.append(": ").append(GoFormat.value(badValue));
    }
    if (!detail.isEmpty()) {
      s.append(": ").append(detail);
    }
    return s.toString();
  }

  /** The whole message: {@code <field>: <body>}, as Kubernetes' {@code Error()}. */
  public String message() {
    return field + ": " + body();
  }

  /** The SPI's form, for an admission plugin that refuses with these errors. */
  public AdmissionException.FieldError toAdmission() {
    return new AdmissionException.FieldError(field, body());
  }

  @Override
  public String toString() {
    return message();
  }
}
