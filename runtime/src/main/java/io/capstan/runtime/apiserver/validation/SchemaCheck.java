package io.capstan.runtime.apiserver.validation;

import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * A hook for checks Capstan's built-in rules do not know, such as a CustomResourceDefinition's
 * OpenAPI schema for a plugin kind. {@link Validators} runs it after ObjectMeta and the built-in
 * rules, on create and on update, and appends what it returns. Implementations must be pure and
 * thread-safe; report problems as {@link FieldError}s (usually {@link ErrorType#TYPE_INVALID},
 * {@link ErrorType#REQUIRED} or {@link ErrorType#INVALID}), never by throwing.
 */
@FunctionalInterface
public interface SchemaCheck {

  /** No schema: nothing to add. */
  SchemaCheck NONE = (kind, object) -> List.of();

  /** The problems of {@code object} as an instance of {@code kind}; empty when it conforms. */
  List<FieldError> check(ResourceKind kind, HasMetadata object);
}
