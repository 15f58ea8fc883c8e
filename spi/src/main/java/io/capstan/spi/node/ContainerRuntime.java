package io.capstan.spi.node;

import io.capstan.spi.plugin.Lifecycle;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs the containers of the pods bound to one node, modelled on the CRI's
 * {@code runtime.v1.RuntimeService}: opaque string ids; separate sandbox and container
 * lifecycles; create and start as separate steps; stop and remove idempotent. The node agent owns
 * restart policy, back-off, probes and pod status; the runtime only does what it is told and
 * reports what happens through {@link ContainerRuntimeEvents}.
 *
 * <p><b>Instances.</b> One instance serves one node. The plugin's module binds
 * {@code ContainerRuntime} without a scope; the node host obtains one instance per node agent (in
 * the all-in-one topology, one per simulated node) and starts and closes each.
 *
 * <p><b>Threading and blocking.</b> Thread-safe. Calls come from the node agent's workers, never
 * concurrently for one sandbox. Every method returns promptly: the simulated runtime never blocks
 * (it must run on the virtual clock's single thread); the process runtime may block for the time
 * it takes to fork. Nothing waits for time to pass: {@link #stopContainer} returns after sending
 * SIGTERM and schedules the SIGKILL on the injected task executor. Completion of anything is
 * reported through the events, so callers never poll.
 *
 * <p><b>Errors.</b> {@link ContainerRuntimeException} with a message naming the id. Operations a
 * runtime does not support (see {@link #capabilities()}) throw
 * {@link UnsupportedOperationException}.
 */
public interface ContainerRuntime extends Lifecycle {

  RuntimeVersion version();

  RuntimeCapabilities capabilities();

  /**
   * Registers the listener of every state change. The node agent registers one before
   * {@link #start()}; a runtime may support only one.
   */
  void setListener(ContainerRuntimeEvents listener);

  /**
   * Creates and starts a pod sandbox; it is READY when this returns.
   *
   * @return the sandbox id
   */
  String runPodSandbox(PodSandboxConfig config);

  /**
   * Stops every container of the sandbox at once (no grace period: the agent stops containers
   * gracefully first) and marks it NOTREADY. Idempotent; an unknown id is not an error.
   */
  void stopPodSandbox(String sandboxId);

  /** Removes the sandbox and its containers, stopping them if needed. Idempotent. */
  void removePodSandbox(String sandboxId);

  /** The sandbox, or empty when unknown. */
  Optional<PodSandboxStatus> podSandboxStatus(String sandboxId);

  /** Every sandbox the runtime knows, for the agent's reconciliation after a restart. */
  List<PodSandboxStatus> listPodSandboxes();

  /**
   * Creates a container in a READY sandbox, in state CREATED.
   *
   * @return the container id
   * @throws ContainerRuntimeException when the sandbox is unknown or not ready, or the image cannot
   *     be used
   */
  String createContainer(String sandboxId, ContainerConfig config);

  /** Starts a CREATED container; RUNNING is reported through the events. */
  void startContainer(String containerId);

  /**
   * Stops a container: SIGTERM now, SIGKILL once {@code timeout} has passed on the injected clock
   * if it is still running. Returns at once; EXITED is reported through the events. A zero timeout
   * kills at once. Idempotent; an unknown or exited container is not an error.
   */
  void stopContainer(String containerId, Duration timeout);

  /** Removes a container, killing it if it runs. Idempotent. */
  void removeContainer(String containerId);

  /** The containers passing the filter. */
  List<ContainerStatus> listContainers(ContainerFilter filter);

  /** The container, or empty when unknown. */
  Optional<ContainerStatus> containerStatus(String containerId);

  /**
   * Delivers a container's log lines to {@code sink}. Without follow, lines are delivered before
   * this returns, then {@link LogSink#end()}. With follow, existing lines are delivered first and
   * new ones as they come, until the container exits or the subscription is closed.
   *
   * @throws UnsupportedOperationException when {@code capabilities().logs()} is false (or follow
   *     is asked without {@code followLogs()})
   * @throws ContainerRuntimeException when the container is unknown, or {@code previous} is asked
   *     and there is no previous instance
   */
  LogSubscription readLogs(String containerId, LogOptions options, LogSink sink);

  /**
   * The resource usage of a container, as CRI's {@code ContainerStats}: the {@code simulated}
   * runtime reports what the pod's annotations say, the {@code process} runtime reads the process
   * from {@code /proc}. Must not block. Empty, the default, when the runtime does not measure usage
   * or the container is unknown; an exited container uses no memory (a real process that has
   * exited may report nothing).
   *
   * @param containerId the container
   * @return its usage now, or empty
   */
  default Optional<ContainerStats> containerStats(String containerId) {
    return Optional.empty();
  }

  /**
   * Runs one probe of a running container, when the runtime performs probes itself. The
   * {@code simulated} runtime answers from the pod's annotations; a runtime that cannot (or
   * prefers the node agent to run {@code httpGet}/{@code tcpSocket} against the pod IP) returns
   * empty, the default, and the agent then performs the handler itself. Must not block for long:
   * a runtime that needs time answers from its last completed check.
   *
   * @param containerId the container
   * @param kind which probe
   * @param probe the probe as the pod spec declares it (handler, thresholds)
   * @return true for success, false for failure, empty when the agent should run the probe
   */
  default Optional<Boolean> probe(String containerId, ProbeKind kind,
      Probe probe) {
    return Optional.empty();
  }
}
