package io.capstan.plugins.controllers.replicas;

import io.capstan.spi.api.OwnerReferences;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.function.Function;

/**
 * Pod indexes the workload controllers share. Each is one function instance, so every controller
 * that adds it to the shared pods informer adds the same index (the informer refuses a second
 * function under a taken name).
 */
public final class PodIndexes {

  /** Pods by the uid of their controller ({@code ownerReferences[controller=true].uid}). */
  public static final String CONTROLLER_UID = "capstan.io/controller-uid";
  /** Pods without a controller, by namespace: the candidates for adoption. */
  public static final String ORPHANS = "capstan.io/orphans-by-namespace";

  public static final Function<Pod, List<String>> BY_CONTROLLER_UID = pod -> OwnerReferences.controllerOf(pod)
      .map(ref -> ref.getUid() == null ? List.<String>of() : List.of(ref.getUid())).orElse(List.of());

  public static final Function<Pod, List<String>> ORPHANS_BY_NAMESPACE = pod -> OwnerReferences.controllerOf(pod).isPresent()
      ? List.of() : List.of(pod.getMetadata().getNamespace() == null ? "" : pod.getMetadata().getNamespace());

  private PodIndexes() {}
}
