package io.capstan.plugins.controllers.endpointslicemirroring;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.controllers.shared.ServiceSlices;
import io.capstan.plugins.controllers.shared.SliceWrites;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' EndpointSliceMirroring controller: for a Service without a selector, whose endpoints
 * come from an Endpoints object its user writes, EndpointSlices mirroring that object
 * ({@link MirroredSlices}), labelled {@code endpointslice.kubernetes.io/managed-by:
 * endpointslicemirroring-controller.k8s.io} and {@code kubernetes.io/service-name}, owned by the
 * Endpoints. Nothing is mirrored while the Service is missing or has a selector (the EndpointSlice
 * controller's business), nor for Endpoints labelled {@code endpointslice.kubernetes.io/skip-mirror:
 * "true"}; slices mirrored earlier then go. Slices of other managers are never touched.
 * Event-driven: the Endpoints (primary), its Service and its mirrored slices wake it.
 */
public final class EndpointSliceMirroringController implements Controller {

  public static final String NAME = "endpointslicemirroring";
  public static final String SERVICE_NAME_LABEL = ServiceSlices.SERVICE_NAME_LABEL;
  public static final String MANAGED_BY_LABEL = ServiceSlices.MANAGED_BY_LABEL;
  public static final String MANAGED_BY = "endpointslicemirroring-controller.k8s.io";
  public static final String SKIP_MIRROR_LABEL = "endpointslice.kubernetes.io/skip-mirror";
  /** Mirrored slices by {@code namespace/service}. */
  static final String SERVICE_INDEX = "endpointslicemirroring.service";

  private final EndpointSliceMirroringConfig config;
  private final SliceWrites writes = new SliceWrites();

  @Inject
  public EndpointSliceMirroringController(EndpointSliceMirroringConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<Endpoints> primaryType() {
    return Endpoints.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.watch(Service.class, service -> Set.of(ObjectKey.of(service)));
    ServiceSlices.indexAndWatch(setup, SERVICE_INDEX, MANAGED_BY);
  }

  static boolean mirrored(EndpointSlice slice) {
    return ServiceSlices.managedBy(slice, MANAGED_BY);
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    List<EndpointSlice> existing = ctx.lister(EndpointSlice.class).byIndex(SERVICE_INDEX, key.namespace() + "/" + key.name());
    if (writes.stale(key, existing)) {
      return Result.requeueAfter(Duration.ofSeconds(1)); // the slice events of our writes requeue it sooner
    }
    Optional<Endpoints> endpoints = ctx.lister(Endpoints.class).get(key.namespace(), key.name());
    Optional<Service> service = ctx.lister(Service.class).get(key.namespace(), key.name());
    if (endpoints.isEmpty() || !shouldMirror(endpoints.get(), service)) {
      existing.forEach(slice -> delete(ctx, key, slice));
      return Result.done();
    }
    MirroredSlices plan = MirroredSlices.plan(endpoints.get(), existing, config.maxEndpointsPerSubset());
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

  /** Kubernetes' {@code shouldMirror}: a Service without a selector, and no skip-mirror label. */
  static boolean shouldMirror(Endpoints endpoints, Optional<Service> service) {
    Map<String, String> labels = endpoints.getMetadata().getLabels();
    if (labels != null && "true".equals(labels.get(SKIP_MIRROR_LABEL))) {
      return false;
    }
    return service.isPresent() && (service.get().getSpec() == null || service.get().getSpec().getSelector() == null
        || service.get().getSpec().getSelector().isEmpty());
  }

  private void delete(ControllerContext ctx, ObjectKey owner, EndpointSlice slice) {
    try {
      ctx.client().resources(EndpointSlice.class).delete(slice.getMetadata().getNamespace(), slice.getMetadata().getName());
    } catch (NotFoundException gone) {
      // already gone
    }
    writes.deleted(owner, slice);
  }
}
