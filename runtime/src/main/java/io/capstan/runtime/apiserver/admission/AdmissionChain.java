package io.capstan.runtime.apiserver.admission;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.validation.FieldError;
import io.capstan.runtime.apiserver.validation.InvalidStatus;
import io.capstan.spi.admission.AdmissionException;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.MutatingAdmissionPlugin;
import io.capstan.spi.admission.ValidatingAdmissionPlugin;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.ApiException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Step 3 of the request path: every mutating admission plugin in configured order, then the API
 * server's own validation, then every validating plugin. The first refusal stops the request with
 * a Kubernetes {@code Status} (403, 400 or 422) and nothing is stored.
 */
public final class AdmissionChain {

  private final List<AdmissionPlugin> plugins;
  private final ObjectValidator validator;

  public AdmissionChain(List<AdmissionPlugin> plugins, ObjectValidator validator) {
    this.plugins = List.copyOf(plugins);
    this.validator = requireNonNull(validator, "validator");
  }

  public List<AdmissionPlugin> plugins() {
    return plugins;
  }

  /**
   * Runs the chain on a write. Mutating plugins may change {@code request.object()} in place;
   * validation applies to create and update only (a delete has no new object).
   *
   * @throws ApiException with the refusal's Status
   */
  public void admit(ResourceKind kind, AdmissionRequest request) {
    try {
      for (AdmissionPlugin plugin : plugins) {
        if (plugin instanceof MutatingAdmissionPlugin mutating && plugin.handles(request.operation())) {
          mutating.admit(request);
        }
      }
      // A binding only sets spec.nodeName, which the server itself writes; pod-update rules do not apply.
      if (request.object().isPresent() && !"binding".equals(request.subresource())) {
        HasMetadata object = request.object().get();
        List<FieldError> errors = validator.validate(kind, object, request.oldObject());
        if (!errors.isEmpty()) {
          // Kubernetes' exact 422: "<Kind>.<group> \"<name>\" is invalid: <field>: <detail>" with causes.
          throw InvalidStatus.exception(kind, request.name(), errors);
        }
      }
      for (AdmissionPlugin plugin : plugins) {
        if (plugin instanceof ValidatingAdmissionPlugin validating && plugin.handles(request.operation())) {
          validating.validate(request);
        }
      }
    } catch (AdmissionException e) {
      throw ApiException.fromStatus(e.toStatus(request)); // typed: ForbiddenException for 403, ... as clients expect
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ApiErrors.internal("admission failed: " + e);
    }
  }
}
