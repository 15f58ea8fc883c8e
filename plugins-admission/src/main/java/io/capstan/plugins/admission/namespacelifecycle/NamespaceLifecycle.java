package io.capstan.plugins.admission.namespacelifecycle;

import io.capstan.spi.admission.AdmissionException;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.ValidatingAdmissionPlugin;
import io.capstan.plugins.admission.informed.InformedReads;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.plugin.Lifecycle;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.clock.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * itself, which is built after its admission chain. Namespaces are read from the API server's
 * shared informer when it has them, else live ({@link InformedReads}), as Kubernetes' plugin reads
 * its lister with a live lookup on a miss. A namespace whose deletion this plugin admitted is read
 * live for 30 s after (Kubernetes' {@code forceLiveLookupCache}), so content is refused at once in
 * a namespace that was just deleted, before the informer has seen its deletion timestamp.
 */
public final class NamespaceLifecycle implements ValidatingAdmissionPlugin, Lifecycle {

  public static final String NAME = "NamespaceLifecycle";

  /** Namespaces that exist for the life of the cluster. */
  static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

  /** How long a namespace whose deletion was admitted is read live (Kubernetes: 30 s). */
  static final long FORCE_LIVE_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final InformedReads<Namespace> namespaces;
  private final Optional<Provider<InformerFactory>> informers;
  private final Optional<Clock> clock;
  /** Namespace name → clock nanoTime until which it is read live. */
  private final Map<String, Long> recentlyDeleted = new ConcurrentHashMap<>();

  @Inject
  public NamespaceLifecycle(Provider<ApiClient> client, Provider<InformerFactory> informers, Clock clock) {
    this(client, Optional.of(informers), Optional.of(clock));
  }

  /** Reading live on every request, without an informer. */
  public NamespaceLifecycle(Provider<ApiClient> client) {
    this(client, Optional.empty(), Optional.empty());
  }

  private NamespaceLifecycle(Provider<ApiClient> client, Optional<Provider<InformerFactory>> informers, Optional<Clock> clock) {
    this.namespaces = new InformedReads<>(Namespace.class, client);
    this.informers = informers;
    this.clock = clock;
  }

  @Override
  public void start() {
    informers.ifPresent(factory -> namespaces.attach(factory.get())); // the host starts the informers
  }

  @Override
  public void close() {
    // the informers are the host's
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
      if (isNamespace && request.subresource().isEmpty()) {
        clock.ifPresent(c -> recentlyDeleted.put(request.name(), c.nanoTime() + FORCE_LIVE_NANOS));
      }
      return;
    }
    if (isNamespace || request.namespace().isEmpty()) {
      return;
    }
    Optional<Namespace> namespace = forceLive(request.namespace()) ? namespaces.live("", request.namespace())
        : namespaces.get("", request.namespace());
    if (namespace.isEmpty()) {
      throw NotFoundException.of("namespaces", request.namespace());
    }
    boolean terminating = namespace.get().getMetadata().getDeletionTimestamp() != null
        || (namespace.get().getStatus() != null && "Terminating".equals(namespace.get().getStatus().getPhase()));
    if (terminating) {
      throw AdmissionException.forbidden(NAME, "unable to create new content in namespace "
          + request.namespace() + " because it is being terminated");
    }
  }

  private boolean forceLive(String namespace) {
    Long until = recentlyDeleted.get(namespace);
    if (until == null) {
      return false;
    }
    if (clock.isPresent() && clock.get().nanoTime() - until < 0) {
      return true;
    }
    recentlyDeleted.remove(namespace, until);
    return false;
  }
}
