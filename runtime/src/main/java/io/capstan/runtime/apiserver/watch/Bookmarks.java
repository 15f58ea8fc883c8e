package io.capstan.runtime.apiserver.watch;

import io.capstan.spi.api.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** The object of a BOOKMARK event: an empty object of the watched kind with only its resourceVersion. */
final class Bookmarks {

  private Bookmarks() {}

  static HasMetadata marker(ResourceKind kind, long revision) {
    HasMetadata marker;
    try {
      marker = kind.javaType().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      GenericKubernetesResource generic = new GenericKubernetesResource();
      generic.setKind(kind.kind());
      marker = generic;
    }
    marker.setApiVersion(kind.apiVersion());
    if (marker instanceof GenericKubernetesResource generic) {
      generic.setKind(kind.kind());
    }
    ObjectMeta meta = new ObjectMeta();
    meta.setResourceVersion(Long.toString(revision));
    marker.setMetadata(meta);
    return marker;
  }
}
