package io.capstan.spi.node;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What the node agent asks for when a pod starts on the node: the CRI's {@code PodSandboxConfig}.
 *
 * @param podUid the pod's {@code metadata.uid}
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param attempt how many sandboxes were created for this pod before (0 first)
 * @param hostname the pod's hostname
 * @param labels labels to attach (the pod's labels plus the agent's own); returned in statuses
 * @param annotations annotations (the simulated runtime reads its behaviour from pod annotations)
 */
public record PodSandboxConfig(String podUid, String namespace, String name, int attempt,
    String hostname, Map<String, String> labels, Map<String, String> annotations) {

  public PodSandboxConfig {
    requireNonNull(podUid, "podUid");
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    requireNonNull(hostname, "hostname");
    labels = Map.copyOf(requireNonNull(labels, "labels"));
    annotations = Map.copyOf(requireNonNull(annotations, "annotations"));
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
    }
  }
}
