package io.capstan.runtime.client.informer;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** Pods for informer tests. */
final class Pods {

  private Pods() {}

  static Pod pod(String namespace, String name) {
    return pod(namespace, name, "");
  }

  static Pod pod(String namespace, String name, String node) {
    return new PodBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withNewSpec().withNodeName(node.isEmpty() ? null : node).endSpec()
        .build();
  }

  /** A copy of {@code pod} bound to {@code node}, keeping its resourceVersion. */
  static Pod onNode(Pod pod, String node) {
    return new PodBuilder(pod).editSpec().withNodeName(node).endSpec().build();
  }
}
