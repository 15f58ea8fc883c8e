package io.capstan.plugins.admission.limitranger;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.admission.informed.InformedLists;
import io.capstan.spi.admission.AdmissionException;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.MutatingAdmissionPlugin;
import io.capstan.spi.admission.ValidatingAdmissionPlugin;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' LimitRanger admission plugin (plugin/pkg/admission/limitranger, Kubernetes 1.32),
 * driven by the LimitRange objects of the namespace:
 *
 * <ul>
 *   <li>mutating, on pod create: each container (and init container) without a request or limit
 *       for a resource gets the {@code defaultRequest} / {@code default} of the LimitRange items of
 *       type {@code Container}, and the pod is annotated
 *       {@code kubernetes.io/limit-ranger: LimitRanger plugin set: cpu, memory request for container web};
 *   <li>validating, on pod create and on claim create and update: {@code min}, {@code max} and
 *       {@code maxLimitRequestRatio} per Container and per Pod, {@code min}/{@code max} storage per
 *       PersistentVolumeClaim, refused with Kubernetes' messages ({@code maximum cpu usage per
 *       Container is 2, but limit is 3}), all violations in one 403.
 * </ul>
 *
 * Pod updates are not checked: containers' resources cannot change on update. Reads the
 * LimitRanges from the API server's shared informer, or a live list remembered for 30 s when it
 * holds none ({@link InformedLists}, Kubernetes' live lookup cache).
 */
public final class LimitRanger implements MutatingAdmissionPlugin, ValidatingAdmissionPlugin, Lifecycle {

  public static final String NAME = "LimitRanger";

  private final InformedLists<LimitRange> ranges;
  private final Optional<Provider<InformerFactory>> informers;

  /** Reading LimitRanges through the API server's shared informer, as Kubernetes' plugin does. */
  @Inject
  public LimitRanger(Provider<ApiClient> client, Provider<InformerFactory> informers, Clock clock) {
    this(client, Optional.of(informers), clock::nanoTime);
  }

  /** Listing LimitRanges live on every request, without an informer. */
  public LimitRanger(Provider<ApiClient> client) {
    this(client, Optional.empty(), System::nanoTime);
  }

  private LimitRanger(Provider<ApiClient> client, Optional<Provider<InformerFactory>> informers,
      java.util.function.LongSupplier nanoTime) {
    this.ranges = new InformedLists<>(LimitRange.class, requireNonNull(client, "client"), nanoTime);
    this.informers = informers;
  }

  @Override
  public void start() {
    informers.ifPresent(factory -> ranges.attach(factory.get())); // the host starts the informers
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
    return operation == AdmissionOperation.CREATE || operation == AdmissionOperation.UPDATE;
  }

  @Override
  public void admit(AdmissionRequest request) {
    if (!applies(request) || !(request.requireObject() instanceof Pod pod)) {
      return;
    }
    for (LimitRange range : limitRanges(request.namespace())) {
      LimitDefaults.apply(range, pod);
    }
  }

  @Override
  public void validate(AdmissionRequest request) {
    if (!applies(request)) {
      return;
    }
    HasMetadata object = request.requireObject();
    List<String> errors = new ArrayList<>();
    for (LimitRange range : limitRanges(request.namespace())) {
      if (object instanceof Pod pod) {
        errors.addAll(LimitChecks.pod(range, pod));
      } else if (object instanceof PersistentVolumeClaim claim) {
        errors.addAll(LimitChecks.claim(range, claim));
      }
    }
    if (!errors.isEmpty()) {
      List<String> distinct = errors.stream().distinct().toList();
      throw AdmissionException.forbidden(NAME, distinct.size() == 1 ? distinct.get(0) : "[" + String.join(", ", distinct) + "]");
    }
  }

  private static boolean applies(AdmissionRequest request) {
    if (!request.subresource().isEmpty() || !request.group().isEmpty() || request.namespace().isEmpty()) {
      return false;
    }
    if (request.kind().equals("Pod")) {
      return request.operation() == AdmissionOperation.CREATE;
    }
    return request.kind().equals("PersistentVolumeClaim");
  }

  private List<LimitRange> limitRanges(String namespace) {
    List<LimitRange> sorted = new ArrayList<>(ranges.list(namespace));
    sorted.sort(Comparator.comparing(r -> r.getMetadata().getName()));
    return sorted;
  }
}
