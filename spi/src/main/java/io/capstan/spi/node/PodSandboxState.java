package io.capstan.spi.node;

/** A pod sandbox's state, as the CRI reports it. */
public enum PodSandboxState {
  /** Created and usable: containers may be created in it. */
  READY,
  /** Stopped (or failed); only removal remains. */
  NOTREADY
}
