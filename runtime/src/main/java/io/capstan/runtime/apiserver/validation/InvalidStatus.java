package io.capstan.runtime.apiserver.validation;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.admission.AdmissionException;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.InvalidException;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The 422 response for invalid objects, built as Kubernetes' {@code errors.NewInvalid}
 * (k8s.io/apimachinery/pkg/api/errors/errors.go): message
 * {@code <Kind>[.<group>] "<name>" is invalid: <errors>}, where the group is left out for the core
 * group ({@code schema.GroupKind.String()}) and the errors are {@code field: body} joined by
 * {@code ", "} inside brackets when there are several distinct ones (the aggregate drops repeated
 * messages); {@code details} carries the group, the kind, the name and one cause per error
 * ({@code reason}, {@code message} without the field, {@code field}). Stateless.
 */
public final class InvalidStatus {

  private InvalidStatus() {}

  /** The Status for {@code errors} (at least one) about the object {@code name} of {@code kind}. */
  public static Status of(ResourceKind kind, String name, List<FieldError> errors) {
    requireNonNull(kind, "kind");
    return of(kind.group(), kind.kind(), name, errors);
  }

  /** The Status for {@code errors} about {@code name} of the kind {@code group}/{@code kind}. */
  public static Status of(String group, String kind, String name, List<FieldError> errors) {
    requireNonNull(group, "group");
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    requireNonNull(errors, "errors");
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an Invalid status needs at least one field error");
    }
    StatusDetails details = new StatusDetails();
    details.setGroup(group);
    details.setKind(kind);
    details.setName(name);
    details.setCauses(errors.stream().map(e -> {
      StatusCause cause = new StatusCause();
      cause.setReason(e.type().reason());
      cause.setMessage(e.body());
      cause.setField(e.field());
      return cause;
    }).toList());
    return new StatusBuilder().withApiVersion("v1").withKind("Status").withMetadata(new ListMeta())
        .withStatus("Failure").withMessage(message(group, kind, name, errors)).withReason(InvalidException.REASON)
        .withDetails(details).withCode(InvalidException.CODE).build();
  }

  /** The Status's message: {@code Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: ...}. */
  public static String message(String group, String kind, String name, List<FieldError> errors) {
    String groupKind = group.isEmpty() ? kind : kind + "." + group;
    Set<String> distinct = new LinkedHashSet<>();
    errors.forEach(e -> distinct.add(e.message()));
    String joined = distinct.size() == 1 ? distinct.iterator().next() : "[" + String.join(", ", distinct) + "]";
    return groupKind + " " + GoFormat.quote(name) + " is invalid: " + joined;
  }

  /** The same Status as a client exception, for in-process callers. */
  public static InvalidException exception(ResourceKind kind, String name, List<FieldError> errors) {
    return new InvalidException(of(kind, name, errors));
  }

  /**
   * An admission plugin's refusal carrying these errors (the SPI keeps each error's field and body;
   * the server renders it).
   */
  public static AdmissionException admissionException(String plugin, List<FieldError> errors) {
    return AdmissionException.invalid(plugin, errors.stream().map(FieldError::toAdmission).toList());
  }
}
