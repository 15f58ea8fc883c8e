package io.capstan.plugins.controllers.endpointslice;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.controllers.shared.ServiceSlices;
import io.capstan.plugins.controllers.shared.SliceWrites;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.Lister;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' EndpointSlice controller: for every Service with a selector, EndpointSlices
 * ({@code discovery.k8s.io/v1}) of the selected pods, at most {@code maxEndpointsPerSlice} (100)
 * endpoints each, one set of slices per address type and resolved port list
 * ({@link DesiredEndpoints}); a Service without endpoints gets one empty placeholder slice. Slices
 * carry the labels {@code kubernetes.io/service-name} and
 * {@code endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io} (plus the
 * Service's own labels), are owned by the Service and named {@code <service>-<random>}; endpoints
 * stay in the slice they are in while they exist ({@link SlicePlan}), so a change rewrites few
 * slices. Slices of other managers are never touched. Event-driven: pods wake the Services whose
 * selectors match their old or new labels, slices wake their Service.
 */
public final class EndpointSliceController implements Controller {

  public static final String NAME = io.capstan.spi.controller.ControllerNames.ENDPOINTSLICE;
  public static final String SERVICE_NAME_LABEL = ServiceSlices.SERVICE_NAME_LABEL;
  public static final String MANAGED_BY_LABEL = ServiceSlices.MANAGED_BY_LABEL;
  public static final String MANAGED_BY = "endpointslice-controller.k8s.io";
  /** Our slices by {@code namespace/service}. */
  static final String SERVICE_INDEX = "endpointslice.service";
  /** Pods by {@code namespace/labelKey=labelValue}. */
  static final String LABEL_INDEX = "endpointslice.namespace-label";

  private final EndpointSliceConfig config;
  private volatile Lister<Service> services;
  private final SliceWrites writes = new SliceWrites();

  @Inject
  public EndpointSliceController(EndpointSliceConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<Service> primaryType() {
    return Service.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.read(Service.class);
    setup.read(Node.class);
    setup.index(Pod.class, LABEL_INDEX, EndpointSliceController::labelIndex);
    ServiceSlices.indexAndWatch(setup, SERVICE_INDEX, MANAGED_BY);
    try {
      services = setup.informers().sharedInformer(Service.class).lister();
    } catch (UnsupportedOperationException noInformers) {
      // a host without informers at setup: the lister is taken from the first reconcile's context
    }
    setup.watch(Pod.class, pod -> {
      Lister<Service> lister = services;
      return lister == null ? Set.of() : servicesOf(lister, pod);
    });
  }

  static boolean managed(EndpointSlice slice) {
    return ServiceSlices.managedBy(slice, MANAGED_BY);
  }

  private static Set<ObjectKey> servicesOf(Lister<Service> services, Pod pod) {
    return io.capstan.plugins.controllers.shared.ServiceSelection.servicesSelecting(services, pod);
  }

  static List<String> labelIndex(Pod pod) {
    return io.capstan.plugins.controllers.shared.ServiceSelection.labelIndex(pod);
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    if (services == null) {
      services = ctx.lister(Service.class);
    }
    List<EndpointSlice> existing = ctx.lister(EndpointSlice.class).byIndex(SERVICE_INDEX, key.namespace() + "/" + key.name());
    if (writes.stale(key, existing)) {
      return Result.requeueAfter(java.time.Duration.ofSeconds(1)); // the slice events of our writes requeue it sooner
    }
    var cached = ctx.lister(Service.class).get(key.namespace(), key.name());
    if (cached.isEmpty() || cached.get().getSpec() == null || cached.get().getSpec().getSelector() == null
        || cached.get().getSpec().getSelector().isEmpty()) {
      // gone, or no selector any more: our slices go (the garbage collector would, by owner, too)
      existing.forEach(slice -> delete(ctx, key, slice));
      return Result.done();
    }
    Service service = cached.get();
    Map<String, String> selector = service.getSpec().getSelector();
    Map.Entry<String, String> first = selector.entrySet().stream().sorted(Map.Entry.comparingByKey()).findFirst().orElseThrow();
    List<Pod> pods = ctx.lister(Pod.class).byIndex(LABEL_INDEX, key.namespace() + "/" + first.getKey() + "=" + first.getValue())
        .stream().filter(p -> p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
    Lister<Node> nodes = ctx.lister(Node.class);
    Map<DesiredEndpoints.Group, List<Endpoint>> desired = DesiredEndpoints.of(service, pods, n -> nodes.get("", n));
    SlicePlan plan = SlicePlan.of(service, desired, existing, config.maxEndpointsPerSlice());
    for (EndpointSlice slice : plan.deletes()) {
      delete(ctx, key, slice);
    }
    for (EndpointSlice slice : plan.updates()) {
      writes.wrote(key, ctx.client().resources(EndpointSlice.class).update(slice));
    }
    for (EndpointSlice slice : plan.creates()) {
      writes.wrote(key, ctx.client().resources(EndpointSlice.class).create(slice));
    }
    return Result.done();
  }

  private void delete(ControllerContext ctx, ObjectKey service, EndpointSlice slice) {
    try {
      ctx.client().resources(EndpointSlice.class).delete(slice.getMetadata().getNamespace(), slice.getMetadata().getName());
    } catch (NotFoundException gone) {
      // already gone
    }
    writes.deleted(service, slice);
  }
}
