package io.capstan.spi.node;

/** A container's state, as the CRI reports it. */
public enum ContainerState {
  /** Created, not started. */
  CREATED,
  /** Its process runs. */
  RUNNING,
  /** Its process ended (by itself, by stop, or killed); exit code and finish time are known. */
  EXITED,
  /** The runtime lost track of it (process runtime after a crash of its own, for instance). */
  UNKNOWN
}
