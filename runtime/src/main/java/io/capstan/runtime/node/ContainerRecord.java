package io.capstan.runtime.node;

import io.capstan.spi.node.ContainerStatus;
import io.fabric8.kubernetes.api.model.Container;
import java.time.Instant;

/**
 * The agent's memory of one container of a pod across its restarts. Touched only by the pod's
 * sync (one worker at a time per pod) and the runtime event handler (which only replaces
 * {@link #current}, volatile).
 */
final class ContainerRecord {

  final Container spec;
  final boolean init;
  String containerId;
  volatile ContainerStatus current;
  String previousId;
  ContainerStatus previous;
  int restartCount;
  int backoffCount;
  Instant backoffUntil;
  String backoffMessage = "";
  boolean done;
  boolean killing;
  ProbeState probes;

  ContainerRecord(Container spec, boolean init) {
    this.spec = spec;
    this.init = init;
  }

  String name() {
    return spec.getName();
  }

  boolean hasProbes() {
    return spec.getLivenessProbe() != null || spec.getReadinessProbe() != null || spec.getStartupProbe() != null;
  }
}
