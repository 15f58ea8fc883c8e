package io.capstan.spi.node;

/** Which of a container's probes is asked: the kubelet's three probe managers. */
public enum ProbeKind {
  /** Failing it kills the container, which then restarts by the pod's restartPolicy. */
  LIVENESS,
  /** Its result is the container's {@code ready} flag; failing it never restarts anything. */
  READINESS,
  /** Until it succeeds, liveness and readiness are not asked; failing it kills the container. */
  STARTUP
}
