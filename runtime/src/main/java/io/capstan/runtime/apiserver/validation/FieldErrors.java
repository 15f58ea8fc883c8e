package io.capstan.runtime.apiserver.validation;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The list validators append to, with one method per Kubernetes constructor ({@code field.Invalid},
 * {@code field.Required}, ...) so that rules read like their Go originals. Not thread-safe: one per
 * validation call.
 */
public final class FieldErrors {

  /** Kubernetes' {@code apimachineryvalidation.IsNegativeErrorMsg}. */
  public static final String NEGATIVE = "must be greater than or equal to 0";
  /** Kubernetes' {@code apimachineryvalidation.FieldImmutableErrorMsg}. */
  public static final String IMMUTABLE = "field is immutable";

  private final List<FieldError> errors = new ArrayList<>();

  /** Appends {@code error}. */
  public FieldErrors add(FieldError error) {
    errors.add(requireNonNull(error, "error"));
    return this;
  }

  /** Appends all of {@code more}. */
  public FieldErrors addAll(List<FieldError> more) {
    more.forEach(this::add);
    return this;
  }

  /** {@code field.Invalid}: {@code Invalid value: <value>: <detail>}. */
  public FieldErrors invalid(FieldPath path, Object value, String detail) {
    return add(new FieldError(ErrorType.INVALID, path.toString(), value, detail));
  }

  /** One {@code field.Invalid} per message, as Kubernetes loops over {@code IsXxx} results. */
  public FieldErrors invalidEach(FieldPath path, Object value, List<String> messages) {
    messages.forEach(m -> invalid(path, value, m));
    return this;
  }

  /** {@code field.Required}: {@code Required value[: <detail>]}. */
  public FieldErrors required(FieldPath path, String detail) {
    return add(new FieldError(ErrorType.REQUIRED, path.toString(), "", detail));
  }

  /** {@code field.Duplicate}: {@code Duplicate value: <value>}. */
  public FieldErrors duplicate(FieldPath path, Object value) {
    return add(new FieldError(ErrorType.DUPLICATE, path.toString(), value, ""));
  }

  /** {@code field.NotFound}: {@code Not found: <value>}. */
  public FieldErrors notFound(FieldPath path, Object value) {
    return add(new FieldError(ErrorType.NOT_FOUND, path.toString(), value, ""));
  }

  /** {@code field.Forbidden}: {@code Forbidden: <detail>}. */
  public FieldErrors forbidden(FieldPath path, String detail) {
    return add(new FieldError(ErrorType.FORBIDDEN, path.toString(), "", detail));
  }

  /** {@code field.NotSupported}: {@code Unsupported value: <value>: supported values: "a", "b"}. */
  public FieldErrors notSupported(FieldPath path, Object value, List<String> supported) {
    String detail = supported.isEmpty() ? ""
        : "supported values: " + supported.stream().map(GoFormat::quote).collect(Collectors.joining(", "));
    return add(new FieldError(ErrorType.NOT_SUPPORTED, path.toString(), value, detail));
  }

  /** {@code field.TooLong}: {@code Too long: may not be more than <max> bytes}. */
  public FieldErrors tooLong(FieldPath path, int maxBytes) {
    String detail = "may not be more than " + maxBytes + (maxBytes == 1 ? " byte" : " bytes");
    return add(new FieldError(ErrorType.TOO_LONG, path.toString(), "<value omitted>", detail));
  }

  /** {@code ValidateNonnegativeField}: negative values are invalid. */
  public FieldErrors nonNegative(FieldPath path, Number value) {
    if (value != null && value.longValue() < 0) {
      invalid(path, value, NEGATIVE);
    }
    return this;
  }

  /** {@code ValidateImmutableField}: {@code Invalid value: <new>: field is immutable} when they differ. */
  public FieldErrors immutable(FieldPath path, Object newValue, Object oldValue) {
    if (!Semantic.equal(newValue, oldValue)) {
      invalid(path, newValue, IMMUTABLE);
    }
    return this;
  }

  /** True when nothing was appended. */
  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** The errors so far, in the order found; an unmodifiable copy. */
  public List<FieldError> toList() {
    return List.copyOf(errors);
  }
}
