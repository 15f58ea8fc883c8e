package io.capstan.plugins.admission.namespacelifecycle;

import io.capstan.spi.admission.AdmissionException;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.ValidatingAdmissionPlugin;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.NotFoundException;
import io.fabric8.kubernetes.api.model.Namespace;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' NamespaceLifecycle admission plugin: nothing is created in a namespace that does not
 * exist (404) or is being terminated (403), and the system namespaces cannot be deleted (403).
 *
 * <p>The client arrives through a {@link Provider} because the in-process client is the API server
 * itself, which is built after its admission chain.
 */
public final class NamespaceLifecycle implements ValidatingAdmissionPlugin {

  public static final String NAME = "NamespaceLifecycle";

  /** Namespaces that exist for the life of the cluster. */
  static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final Provider<ApiClient> client;

  @Inject
  public NamespaceLifecycle(Provider<ApiClient> client) {
    this.client = client;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(AdmissionOperation operation) {
    return operation == AdmissionOperation.CREATE || operation == AdmissionOperation.DELETE;
  }

  @Override
  public void validate(AdmissionRequest request) {
    boolean isNamespace = request.group().isEmpty() && request.kind().equals("Namespace");
    if (request.operation() == AdmissionOperation.DELETE) {
      if (isNamespace && request.subresource().isEmpty() && IMMORTAL.contains(request.name())) {
        throw AdmissionException.forbidden(NAME, "namespace \"" + request.name() + "\" is forbidden: this namespace may not be deleted");
      }
      return;
    }
    if (isNamespace || request.namespace().isEmpty()) {
      return;
    }
    Optional<Namespace> namespace = client.get().resources(Namespace.class).get("", request.namespace());
    if (namespace.isEmpty()) {
      throw NotFoundException.of("namespaces", request.namespace());
    }
    boolean terminating = namespace.get().getMetadata().getDeletionTimestamp() != null
        || (namespace.get().getStatus() != null && "Terminating".equals(namespace.get().getStatus().getPhase()));
    if (terminating) {
      throw AdmissionException.forbidden(NAME, request.resource() + " \"" + request.name() + "\" is forbidden: unable to create new content in namespace "
          + request.namespace() + " because it is being terminated");
    }
  }
}
