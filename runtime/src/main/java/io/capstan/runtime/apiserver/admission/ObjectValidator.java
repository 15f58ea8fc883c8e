package io.capstan.runtime.apiserver.admission;

import io.capstan.spi.admission.AdmissionException.FieldError;
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

  /** The problems found; empty when the object is valid. {@code old} is present for updates. */
  List<FieldError> validate(ResourceKind kind, HasMetadata object, Optional<HasMetadata> old);
}
