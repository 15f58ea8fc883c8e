package io.capstan.plugins.controllers.replicas;

import io.capstan.spi.api.DeepCopy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.HashMap;
import java.util.List;

/** Kubernetes' {@code GetPodFromTemplate}: a pod to create from an owner's template. */
public final class PodTemplates {

  private PodTemplates() {}

  /**
   * A new pod: the template's labels, annotations and finalizers, {@code generateName} of the owner's
   * name and a dash, the owner's namespace, the controller reference, and a copy of the template's
   * spec.
   */
  public static Pod podFor(HasMetadata owner, PodTemplateSpec template, OwnerReference controllerRef) {
    ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    PodSpec spec = template.getSpec() == null ? new PodSpec() : DeepCopy.of(template.getSpec());
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(owner.getMetadata().getNamespace())
        .withGenerateName(owner.getMetadata().getName() + "-")
        .withLabels(meta.getLabels() == null ? null : new HashMap<>(meta.getLabels()))
        .withAnnotations(meta.getAnnotations() == null ? null : new HashMap<>(meta.getAnnotations()))
        .withFinalizers(meta.getFinalizers() == null ? null : List.copyOf(meta.getFinalizers()))
        .withOwnerReferences(controllerRef)
        .endMetadata()
        .withSpec(spec)
        .build();
  }
}
