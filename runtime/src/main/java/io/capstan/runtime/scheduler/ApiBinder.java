package io.capstan.runtime.scheduler;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;

/** Creates a pod's {@code binding} subresource, as Kubernetes' DefaultBinder does. */
public final class ApiBinder {

  private ApiBinder() {}

  public static Status bind(ApiClient client, Pod pod, String nodeName) {
    Binding binding = new BindingBuilder()
        .withNewMetadata().withName(pod.getMetadata().getName()).withNamespace(pod.getMetadata().getNamespace())
          .withUid(pod.getMetadata().getUid()).endMetadata()
        .withNewTarget().withKind("Node").withName(nodeName).endTarget()
        .build();
    try {
      client.resources(Pod.class).createSubresource(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
          "binding", binding);
      return Status.success();
    } catch (RuntimeException e) {
      return Status.error(e);
    }
  }
}
