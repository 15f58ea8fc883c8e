package io.capstan.plugins.scheduler.interpodaffinity;

import io.capstan.spi.scheduler.FrameworkHandle;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The labels of every namespace, read once per cycle for namespaceSelector terms. */
final class NamespaceLabels {

  private final Map<String, Map<String, String>> byName;

  private NamespaceLabels(Map<String, Map<String, String>> byName) {
    this.byName = byName;
  }

  static NamespaceLabels read(FrameworkHandle handle) {
    Map<String, Map<String, String>> m = new HashMap<>();
    try {
      for (Namespace ns : handle.listObjects(Namespace.class, Optional.empty())) {
        Map<String, String> labels = ns.getMetadata().getLabels();
        m.put(ns.getMetadata().getName(), labels == null ? Map.of() : labels);
      }
    } catch (UnsupportedOperationException e) {
      // no namespace cache: namespaceSelectors see empty label sets
    }
    return new NamespaceLabels(m);
  }

  Map<String, String> of(String namespace) {
    return byName.getOrDefault(namespace, Map.of());
  }
}
