package io.capstan.plugins.node.simulated;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerFilter;
import io.capstan.spi.node.ContainerRuntime;
import io.capstan.spi.node.ContainerRuntimeEvents;
import io.capstan.spi.node.ContainerRuntimeException;
import io.capstan.spi.node.ContainerState;
import io.capstan.spi.node.ContainerStatus;
import io.capstan.spi.node.LogOptions;
import io.capstan.spi.node.LogSink;
import io.capstan.spi.node.LogSubscription;
import io.capstan.spi.node.PodSandboxConfig;
import io.capstan.spi.node.PodSandboxState;
import io.capstan.spi.node.PodSandboxStatus;
import io.capstan.spi.node.ProbeKind;
import io.capstan.spi.node.RuntimeCapabilities;
import io.capstan.spi.node.RuntimeVersion;
import io.fabric8.kubernetes.api.model.Probe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code simulated} container runtime: no processes, only state and timers on the shared
 * executor, so thousands of nodes cost memory proportional to their containers and no threads.
 * What each container does comes from {@link SimulatedBehavior}. Everything is timed on the
 * injected clock, so under the virtual clock a run is reproducible.
 */
public final class SimulatedRuntime implements ContainerRuntime {

  static final RuntimeVersion VERSION = new RuntimeVersion("simulated", "0.1.0");
  private static final RuntimeCapabilities CAPABILITIES = new RuntimeCapabilities(true, true, false, false);

  private final SimulatedRuntimeConfig config;
  private final Clock clock;
  private final TaskExecutor executor;
  private final SerialEvents events;
  private final Map<String, PodSandboxStatus> sandboxes = new LinkedHashMap<>(); // guarded by this
  private final Map<String, SimulatedContainer> containers = new LinkedHashMap<>(); // guarded by this
  private volatile ContainerRuntimeEvents listener = status -> { };
  private long nextId; // guarded by this
  private boolean closed; // guarded by this

  @Inject
  public SimulatedRuntime(SimulatedRuntimeConfig config, Clock clock, TaskExecutor executor) {
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.events = new SerialEvents(executor);
  }

  @Override
  public RuntimeVersion version() {
    return VERSION;
  }

  @Override
  public RuntimeCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public void setListener(ContainerRuntimeEvents listener) {
    this.listener = requireNonNull(listener, "listener");
  }

  @Override
  public synchronized String runPodSandbox(PodSandboxConfig sandbox) {
    requireNonNull(sandbox, "sandbox");
    requireOpen();
    String id = "sim-sandbox-" + (++nextId);
    PodSandboxStatus status = new PodSandboxStatus(id, sandbox, PodSandboxState.READY, clock.now(), "");
    sandboxes.put(id, status);
    post(l -> l.sandboxChanged(status));
    return id;
  }

  @Override
  public synchronized void stopPodSandbox(String sandboxId) {
    PodSandboxStatus status = sandboxes.get(requireNonNull(sandboxId, "sandboxId"));
    if (status == null) {
      return;
    }
    for (SimulatedContainer c : containersOf(sandboxId)) {
      exit(c, 137, "Error", "killed: the sandbox was stopped");
    }
    if (status.state() == PodSandboxState.READY) {
      PodSandboxStatus stopped = new PodSandboxStatus(sandboxId, status.config(), PodSandboxState.NOTREADY,
          status.createdAt(), "");
      sandboxes.put(sandboxId, stopped);
      post(l -> l.sandboxChanged(stopped));
    }
  }

  @Override
  public synchronized void removePodSandbox(String sandboxId) {
    if (!sandboxes.containsKey(requireNonNull(sandboxId, "sandboxId"))) {
      return;
    }
    stopPodSandbox(sandboxId);
    for (SimulatedContainer c : containersOf(sandboxId)) {
      removeContainer(c.id);
    }
    sandboxes.remove(sandboxId);
    post(l -> l.sandboxRemoved(sandboxId));
  }

  @Override
  public synchronized Optional<PodSandboxStatus> podSandboxStatus(String sandboxId) {
    return Optional.ofNullable(sandboxes.get(requireNonNull(sandboxId, "sandboxId")));
  }

  @Override
  public synchronized List<PodSandboxStatus> listPodSandboxes() {
    return List.copyOf(sandboxes.values());
  }

  @Override
  public synchronized String createContainer(String sandboxId, ContainerConfig container) {
    requireNonNull(container, "container");
    requireOpen();
    PodSandboxStatus sandbox = sandboxes.get(requireNonNull(sandboxId, "sandboxId"));
    if (sandbox == null) {
      throw new ContainerRuntimeException("sandbox " + sandboxId + " does not exist; run a pod sandbox first");
    }
    if (sandbox.state() != PodSandboxState.READY) {
      throw new ContainerRuntimeException("sandbox " + sandboxId + " is not ready (it was stopped); run a new one");
    }
    if (container.image().isBlank()) {
      throw new ContainerRuntimeException("container " + container.name() + " in sandbox " + sandboxId + " has no image");
    }
    SimulatedBehavior behavior = SimulatedBehavior.of(config, sandbox.config().podUid(), container);
    String id = "sim-container-" + (++nextId);
    // keep only what statuses, logs and filters read: the environment, command and annotations
    // were consumed by the behaviour and would cost about a KiB per container for nothing
    ContainerConfig kept = new ContainerConfig(container.name(), container.attempt(), container.image(), List.of(), List.of(),
        Map.of(), "", container.labels(), Map.of());
    SimulatedContainer c = new SimulatedContainer(id, sandboxId,
        sandbox.config().namespace() + "/" + sandbox.config().name(), kept, behavior, clock.now());
    containers.put(id, c);
    notifyChanged(c);
    return id;
  }

  @Override
  public synchronized void startContainer(String containerId) {
    SimulatedContainer c = require(containerId);
    if (c.state != ContainerState.CREATED) {
      throw new ContainerRuntimeException("container " + containerId + " is " + c.state + "; only a CREATED container starts");
    }
    if (!c.startRequested) {
      c.startRequested = true;
      armStart(c);
    }
  }

  private void armStart(SimulatedContainer c) {
    Duration latency = c.behavior.startupLatency();
    if (latency.isZero()) {
      running(c);
    } else {
      c.timer = executor.schedule(latency, () -> {
        synchronized (this) {
          if (c.state == ContainerState.CREATED && containers.containsKey(c.id)) {
            running(c);
          }
        }
      });
    }
  }

  private void running(SimulatedContainer c) {
    c.state = ContainerState.RUNNING;
    c.startedAt = clock.now();
    notifyChanged(c);
    if (!c.followers.isEmpty()) {
      List<LogSink> sinks = c.followers;
      c.startLines().forEach(line -> sinks.forEach(s -> events.post(() -> s.line(line))));
    }
    c.behavior.runFor().ifPresent(d -> c.timer = executor.schedule(d, () -> {
      synchronized (this) {
        exit(c, c.behavior.exitCode(), c.behavior.exitCode() == 0 ? "Completed" : "Error", "");
      }
    }));
  }

  /** Ends a container (no effect unless it is CREATED or RUNNING); guarded by this. */
  private void exit(SimulatedContainer c, int code, String reason, String message) {
    if (c.state == ContainerState.EXITED || !containers.containsKey(c.id)) {
      return;
    }
    c.cancelTimers();
    if (c.startedAt == null) {
      c.startedAt = clock.now();
    }
    c.state = ContainerState.EXITED;
    c.finishedAt = clock.now();
    c.exitCode = code;
    c.reason = reason;
    c.message = message;
    notifyChanged(c);
    List<LogSink> sinks = c.followers;
    c.followers = List.of();
    for (LogSink sink : sinks) {
      c.exitLines().forEach(line -> events.post(() -> sink.line(line)));
      events.post(sink::end);
    }
  }

  @Override
  public synchronized void stopContainer(String containerId, Duration timeout) {
    requireNonNull(timeout, "timeout");
    SimulatedContainer c = containers.get(requireNonNull(containerId, "containerId"));
    if (c == null || c.state == ContainerState.EXITED) {
      return;
    }
    if (c.state == ContainerState.CREATED || timeout.isZero() || timeout.isNegative()) {
      exit(c, 137, "Error", "killed");
      return;
    }
    Optional<Duration> delay = c.behavior.terminationDelay();
    if (delay.isPresent() && delay.get().compareTo(timeout) < 0) {
      if (delay.get().isZero()) {
        exit(c, 0, "Completed", "exited on SIGTERM");
        return;
      }
      c.timer.cancel();
      c.timer = executor.schedule(delay.get(), () -> {
        synchronized (this) {
          exit(c, 0, "Completed", "exited on SIGTERM");
        }
      });
    }
    c.killTimer.cancel();
    c.killTimer = executor.schedule(timeout, () -> {
      synchronized (this) {
        exit(c, 137, "Error", "killed after the " + timeout.toSeconds() + "s grace period");
      }
    });
  }

  @Override
  public synchronized void removeContainer(String containerId) {
    SimulatedContainer c = containers.get(requireNonNull(containerId, "containerId"));
    if (c == null) {
      return;
    }
    exit(c, 137, "Error", "killed: removed");
    containers.remove(containerId);
    post(l -> l.containerRemoved(containerId, c.sandboxId));
  }

  @Override
  public synchronized List<ContainerStatus> listContainers(ContainerFilter filter) {
    requireNonNull(filter, "filter");
    List<ContainerStatus> out = new ArrayList<>();
    if (filter.id().isPresent()) {
      SimulatedContainer c = containers.get(filter.id().get());
      if (c != null && filter.matches(c.status())) {
        out.add(c.status());
      }
      return out;
    }
    for (SimulatedContainer c : containers.values()) {
      ContainerStatus status = c.status();
      if (filter.matches(status)) {
        out.add(status);
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<ContainerStatus> containerStatus(String containerId) {
    return Optional.ofNullable(containers.get(requireNonNull(containerId, "containerId"))).map(SimulatedContainer::status);
  }

  /** The usage the behaviour declares: its CPU rate over the time it ran, its memory while it runs. */
  @Override
  public synchronized Optional<io.capstan.spi.node.ContainerStats> containerStats(String containerId) {
    SimulatedContainer c = containers.get(requireNonNull(containerId, "containerId"));
    if (c == null) {
      return Optional.empty();
    }
    java.time.Instant now = clock.now();
    long ranNanos = c.startedAt == null ? 0
        : Math.max(0, java.time.Duration.between(c.startedAt, c.finishedAt == null ? now : c.finishedAt).toNanos());
    long cpu = (long) (c.behavior.cpuMillicores() / 1000.0 * ranNanos);
    long memory = c.state == ContainerState.RUNNING ? c.behavior.memoryBytes() : 0;
    return Optional.of(new io.capstan.spi.node.ContainerStats(containerId, now, cpu, memory));
  }

  @Override
  public synchronized LogSubscription readLogs(String containerId, LogOptions options, LogSink sink) {
    requireNonNull(options, "options");
    requireNonNull(sink, "sink");
    SimulatedContainer current = require(containerId);
    SimulatedContainer c = options.previous() ? SimulatedLogs.previous(containers.values(), current) : current;
    List<io.capstan.spi.node.LogLine> lines = SimulatedLogs.select(c.allLines(), options);
    if (!options.follow() || c.state == ContainerState.EXITED) {
      lines.forEach(sink::line);
      sink.end();
      return () -> { };
    }
    List<LogSink> followers = new ArrayList<>(c.followers);
    followers.add(sink);
    c.followers = List.copyOf(followers);
    lines.forEach(line -> events.post(() -> sink.line(line)));
    return () -> {
      synchronized (this) {
        if (c.followers.contains(sink)) {
          List<LogSink> rest = new ArrayList<>(c.followers);
          rest.remove(sink);
          c.followers = List.copyOf(rest);
          events.post(sink::end);
        }
      }
    };
  }

  @Override
  public synchronized Optional<Boolean> probe(String containerId, ProbeKind kind, Probe probe) {
    SimulatedContainer c = containers.get(requireNonNull(containerId, "containerId"));
    if (c == null || c.state != ContainerState.RUNNING) {
      return Optional.of(false);
    }
    ProbeScript script = switch (requireNonNull(kind, "kind")) {
      case LIVENESS -> c.behavior.liveness();
      case READINESS -> c.behavior.readiness();
      case STARTUP -> c.behavior.startup();
    };
    return Optional.of(script.result(Duration.between(c.startedAt, clock.now())));
  }

  /** Containers (all states) and sandboxes held, for memory accounting in the node bench. */
  public synchronized int containerCount() {
    return containers.size();
  }

  private List<SimulatedContainer> containersOf(String sandboxId) {
    List<SimulatedContainer> out = new ArrayList<>();
    for (SimulatedContainer c : containers.values()) {
      if (c.sandboxId.equals(sandboxId)) {
        out.add(c);
      }
    }
    return out;
  }

  private SimulatedContainer require(String containerId) {
    SimulatedContainer c = containers.get(requireNonNull(containerId, "containerId"));
    if (c == null) {
      throw new ContainerRuntimeException("container " + containerId + " does not exist");
    }
    return c;
  }

  private void requireOpen() {
    if (closed) {
      throw new ContainerRuntimeException("the simulated runtime is closed");
    }
  }

  private void notifyChanged(SimulatedContainer c) {
    ContainerStatus status = c.status();
    post(l -> l.containerChanged(status));
  }

  private void post(java.util.function.Consumer<ContainerRuntimeEvents> event) {
    events.post(() -> event.accept(listener));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (SimulatedContainer c : new ArrayList<>(containers.values())) {
      c.cancelTimers();
    }
    containers.clear();
    sandboxes.clear();
  }

  @Override
  public synchronized String toString() {
    return "SimulatedRuntime[sandboxes=" + sandboxes.size() + ", containers=" + containers.size() + "]";
  }
}
