package io.capstan.plugins.admission.limitranger;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.admission.AdmissionException;
import io.capstan.spi.admission.AdmissionOperation;
import io.capstan.spi.admission.AdmissionRequest;
import io.capstan.spi.admission.MutatingAdmissionPlugin;
import io.capstan.spi.admission.ValidatingAdmissionPlugin;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ListOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
 * LimitRanges through the client on each such request.
 */
public final class LimitRanger implements MutatingAdmissionPlugin, ValidatingAdmissionPlugin {

  public static final String NAME = "LimitRanger";

  private final Provider<ApiClient> client;

  @Inject
  public LimitRanger(Provider<ApiClient> client) {
    this.client = requireNonNull(client, "client");
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
    List<LimitRange> ranges = new ArrayList<>(client.get().resources(LimitRange.class).list(ListOptions.inNamespace(namespace)).items());
    ranges.sort(Comparator.comparing(r -> r.getMetadata().getName()));
    return ranges;
  }
}
