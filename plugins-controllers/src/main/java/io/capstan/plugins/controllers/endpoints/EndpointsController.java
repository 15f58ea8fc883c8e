package io.capstan.plugins.controllers.endpoints;

import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' endpoint controller: for every Service with a selector, an Endpoints object of the
 * same name listing the matching pods' addresses (ready, or not ready unless
 * publishNotReadyAddresses) and ports, named target ports resolved per pod. Event-driven: a pod
 * change wakes the Services whose selectors match its old or new labels; pods are found through an
 * index by namespace and label. Services without a selector, and the {@code kubernetes} Service of
 * {@code default}, are left to their owners.
 */
public final class EndpointsController implements Controller {

  /** Pods by {@code namespace/labelKey=labelValue}, one entry per label. */
  static final String LABEL_INDEX = "endpoints.namespace-label";

  @Override
  public String name() {
    return ControllerNames.ENDPOINT;
  }

  @Override
  public Class<Service> primaryType() {
    return Service.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.index(Pod.class, LABEL_INDEX, EndpointsController::labelIndex);
    // an Endpoints change wakes its Service only when that Service is known: reconciling the key of
    // an unknown Service deletes its Endpoints, which must not happen to Endpoints written before
    // their (selector-less) Service, or whose Service this informer has not seen yet (separate
    // watches). Kubernetes' controller does not react to Endpoints adds or updates at all.
    setup.watch(Endpoints.class, endpoints -> {
      io.capstan.spi.client.Lister<Service> known = services;
      return known != null && known.get(endpoints.getMetadata().getNamespace(), endpoints.getMetadata().getName()).isPresent()
          ? Set.of(ObjectKey.of(endpoints)) : Set.of();
    });
    setup.read(Service.class);
    // set in setup(), used on the informer thread: the Service lister is read, never the API
    setup.watch(Pod.class, pod -> servicesOf(pod));
  }

  private volatile io.capstan.spi.client.Lister<Service> services;

  /** Lets the pod mapper see services; the host calls reconcile with a context before any pod event matters. */
  private Set<ObjectKey> servicesOf(Pod pod) {
    io.capstan.spi.client.Lister<Service> lister = services;
    if (lister == null || pod.getMetadata().getLabels() == null) {
      return Set.of();
    }
    return io.capstan.plugins.controllers.shared.ServiceSelection.servicesSelecting(lister, pod);
  }

  static List<String> labelIndex(Pod pod) {
    return io.capstan.plugins.controllers.shared.ServiceSelection.labelIndex(pod);
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    services = ctx.lister(Service.class);
    Optional<Service> cached = services.get(key.namespace(), key.name());
    Optional<Endpoints> existing = ctx.lister(Endpoints.class).get(key.namespace(), key.name());
    if (cached.isEmpty()) {
      existing.ifPresent(e -> delete(ctx, key));
      return Result.done();
    }
    Service service = cached.get();
    Map<String, String> selector = service.getSpec().getSelector();
    if (selector == null || selector.isEmpty() || ("default".equals(key.namespace()) && "kubernetes".equals(key.name()))) {
      return Result.done();
    }
    Map.Entry<String, String> first = selector.entrySet().stream().sorted(Map.Entry.comparingByKey()).findFirst().orElseThrow();
    List<Pod> pods = ctx.lister(Pod.class).byIndex(LABEL_INDEX, key.namespace() + "/" + first.getKey() + "=" + first.getValue())
        .stream().filter(p -> p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
    List<EndpointSubset> subsets = EndpointSubsets.of(service, pods);
    Endpoints desired = new Endpoints();
    desired.setApiVersion("v1");
    desired.setKind("Endpoints");
    ObjectMeta meta = new ObjectMeta();
    meta.setName(key.name());
    meta.setNamespace(key.namespace());
    meta.setLabels(service.getMetadata().getLabels() == null ? null : new HashMap<>(service.getMetadata().getLabels()));
    desired.setMetadata(meta);
    desired.setSubsets(subsets);
    if (existing.isEmpty()) {
      try {
        ctx.client().resources(Endpoints.class).create(desired);
      } catch (AlreadyExistsException stale) {
        return Result.requeue();
      }
      return Result.done();
    }
    Endpoints current = existing.get();
    List<EndpointSubset> currentSubsets = current.getSubsets() == null ? List.of() : current.getSubsets();
    if (currentSubsets.equals(subsets) && Objects.equals(current.getMetadata().getLabels(), meta.getLabels())) {
      return Result.done();
    }
    Endpoints copy = DeepCopy.of(current);
    copy.setSubsets(subsets);
    copy.getMetadata().setLabels(meta.getLabels());
    ctx.client().resources(Endpoints.class).update(copy);
    return Result.done();
  }

  private static void delete(ControllerContext ctx, ObjectKey key) {
    try {
      ctx.client().resources(Endpoints.class).delete(key.namespace(), key.name());
    } catch (NotFoundException gone) {
      // already gone
    }
  }
}
