package io.capstan.plugins.controllers.shared;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.controller.ControllerSetup;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EndpointSlices as their controllers find them: by the labels Kubernetes puts on them — the
 * Service they belong to ({@value #SERVICE_NAME_LABEL}) and the controller that manages them
 * ({@value #MANAGED_BY_LABEL}) — indexed by {@code namespace/service} and mapped to that Service's key.
 */
public final class ServiceSlices {

  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";

  private ServiceSlices() {}

  /** Whether {@code manager} manages the slice and it names its Service. */
  public static boolean managedBy(EndpointSlice slice, String manager) {
    Map<String, String> labels = slice.getMetadata().getLabels();
    return labels != null && manager.equals(labels.get(MANAGED_BY_LABEL)) && labels.get(SERVICE_NAME_LABEL) != null;
  }

  /**
   * Indexes {@code manager}'s slices under {@code indexName} by {@code namespace/service} and
   * queues the key {@code namespace/service} whenever one of them changes.
   */
  public static void indexAndWatch(ControllerSetup setup, String indexName, String manager) {
    setup.index(EndpointSlice.class, indexName, slice -> managedBy(slice, manager)
        ? List.of(slice.getMetadata().getNamespace() + "/" + slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL))
        : List.of());
    setup.watch(EndpointSlice.class, slice -> managedBy(slice, manager)
        ? Set.of(new ObjectKey(slice.getMetadata().getNamespace(), slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL)))
        : Set.of());
  }
}
