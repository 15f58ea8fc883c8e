package io.capstan.spi.node;

/**
 * Receives every state change of the runtime's sandboxes and containers, pushed by the runtime.
 * This replaces the CRI's polling (the kubelet's PLEG relists every second): with thousands of
 * simulated nodes in one process, polling would dominate the cost.
 *
 * <p><b>Contract for runtimes.</b> Emit an event after every transition, whoever caused it:
 * created, started, exited (by itself, by stop, or killed), removed; sandbox ready, not ready,
 * removed. Events of one sandbox and its containers are delivered in order, never concurrently;
 * events of different sandboxes may be concurrent. Deliver on the injected task executor, never on
 * the thread of the call that caused the change (the caller may hold locks).
 *
 * <p><b>Contract for listeners.</b> Must not block and must not call the runtime back from the
 * callback: record the change and enqueue the pod for the node agent's worker.
 */
public interface ContainerRuntimeEvents {

  /** A container changed state; {@code status} is its state after the change. */
  void containerChanged(ContainerStatus status);

  /** A container was removed. */
  default void containerRemoved(String containerId, String sandboxId) {}

  /** A sandbox changed state. */
  default void sandboxChanged(PodSandboxStatus status) {}

  /** A sandbox was removed (with all its containers). */
  default void sandboxRemoved(String sandboxId) {}
}
