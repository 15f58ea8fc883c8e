package io.capstan.runtime.apiserver.resource;

import io.capstan.spi.api.ResourceKind;

/** Facts about a kind the request path needs, read from the kind's declared subresources. */
final class KindTraits {

  private KindTraits() {}

  static boolean hasStatus(ResourceKind kind) {
    return kind.subresources().contains("status");
  }

  static boolean hasScale(ResourceKind kind) {
    return kind.subresources().contains("scale");
  }

  /** A kind served from a schema rather than a fabric8 class (a plugin's custom kind). */
  static boolean isCustom(ResourceKind kind) {
    return kind.schema().isPresent() || kind.javaType() == io.fabric8.kubernetes.api.model.GenericKubernetesResource.class;
  }
}
