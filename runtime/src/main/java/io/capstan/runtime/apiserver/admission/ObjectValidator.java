package io.capstan.runtime.apiserver.admission;

import io.capstan.runtime.apiserver.schema.KindSchemas;
import io.capstan.runtime.apiserver.validation.FieldError;
import io.capstan.runtime.apiserver.validation.Validators;
import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * The API server's own validation of an object (names, required fields, immutable fields), run
 * between the mutating and the validating admission plugins, as in Kubernetes.
 */
@FunctionalInterface
public interface ObjectValidator {

  /** Accepts everything: for tests of other parts of the chain. */
  ObjectValidator NONE = (kind, object, old) -> List.of();

  /** Kubernetes' own rules for the built-in kinds (names, required and immutable fields). */
  ObjectValidator KUBERNETES = (kind, object, old) -> old.isPresent()
      ? Validators.validateUpdate(kind, object, old.get(), KindSchemas.CHECK)
      : Validators.validateCreate(kind, object, KindSchemas.CHECK);

  /** The problems found; empty when the object is valid. {@code old} is present for updates. */
  List<FieldError> validate(ResourceKind kind, HasMetadata object, Optional<HasMetadata> old);
}
