package io.capstan.plugins.node.process;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Cancellable;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code process} container runtime: every container is a local OS process started with
 * {@link ProcessBuilder}; its output is logged in the CRI format under the data directory; exits
 * are seen through {@link Process#onExit()}; stop sends SIGTERM to the process tree and schedules
 * the SIGKILL on the task executor. No thread is created per container: output is read by one
 * periodic task per runtime from the pipes' buffered bytes. See the module README for the limits
 * (host network, no image filesystem, no OOM detection).
 */
public final class ProcessRuntime implements ContainerRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessRuntime.class);

  private final ProcessRuntimeConfig config;
  private final Clock clock;
  private final TaskExecutor executor;
  private final SerialEvents events;
  private final Path dataDir;
  private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
  private final Map<String, ProcessContainer> containers = new ConcurrentHashMap<>();
  private final Map<String, ProcessRecords.Entry> running = new ConcurrentHashMap<>();
  private final ProcessLogs logs;
  private final ProcessProbes probes;
  private ProcessRecords records;
  private Cancellable flushTask;
  private boolean closed;

  private record Sandbox(String id, PodSandboxConfig config, Instant createdAt, PodSandboxState state) {
    Sandbox with(PodSandboxState newState) {
      return new Sandbox(id, config, createdAt, newState);
    }
  }

  @Inject
  public ProcessRuntime(ProcessRuntimeConfig config, Clock clock, TaskExecutor executor) {
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.events = new SerialEvents(executor);
    this.dataDir = config.dataPath();
    this.logs = new ProcessLogs(config.maxLogFiles());
    this.probes = new ProcessProbes(executor, config.hostAddress());
  }

  @Override
  public RuntimeVersion version() {
    return new RuntimeVersion(ProcessRuntimeFactory.NAME, "0.1.0");
  }

  @Override
  public RuntimeCapabilities capabilities() {
    return new RuntimeCapabilities(true, true, false, true);
  }

  @Override
  public void setListener(ContainerRuntimeEvents listener) {
    events.setListener(listener);
  }

  @Override
  public synchronized void start() throws IOException {
    Files.createDirectories(dataDir.resolve("pods"));
    records = ProcessRecords.claim(dataDir);
    List<ProcessRecords.Entry> orphans = records.killOrphans();
    LOG.info("Process runtime started in {} (slot {}); {} orphaned process(es) of a previous run killed",
        dataDir, records.slot().getFileName(), orphans.size());
    Duration every = config.logFlushInterval();
    flushTask = executor.scheduleWithFixedDelay(every, every, this::flush);
  }

  /** The slot directory this instance holds (for tests and diagnostics). */
  Path slot() {
    return records.slot();
  }

  private void flush() {
    Instant now = clock.now();
    for (ProcessContainer c : containers.values()) {
      c.tick(now);
    }
  }

  @Override
  public String runPodSandbox(PodSandboxConfig sandboxConfig) {
    requireNonNull(sandboxConfig, "config");
    String id = newId();
    Sandbox sandbox = new Sandbox(id, sandboxConfig, clock.now(), PodSandboxState.READY);
    try {
      Files.createDirectories(podDir(sandboxConfig));
      Files.createDirectories(workDir(sandboxConfig));
    } catch (IOException e) {
      throw new ContainerRuntimeException("sandbox for pod " + sandboxConfig.namespace() + "/"
          + sandboxConfig.name() + ": cannot create its directory under " + dataDir + ": " + e, e);
    }
    sandboxes.put(id, sandbox);
    PodSandboxStatus status = statusOf(sandbox);
    events.emit(l -> l.sandboxChanged(status));
    return id;
  }

  @Override
  public void stopPodSandbox(String sandboxId) {
    Sandbox sandbox = sandboxes.get(sandboxId);
    if (sandbox == null) {
      return;
    }
    containersOf(sandboxId).forEach(c -> stopContainer(c.id, Duration.ZERO));
    if (sandbox.state() == PodSandboxState.READY) {
      Sandbox stopped = sandbox.with(PodSandboxState.NOTREADY);
      sandboxes.put(sandboxId, stopped);
      PodSandboxStatus status = statusOf(stopped);
      events.emit(l -> l.sandboxChanged(status));
    }
  }

  @Override
  public void removePodSandbox(String sandboxId) {
    Sandbox sandbox = sandboxes.get(sandboxId);
    if (sandbox == null) {
      return;
    }
    stopPodSandbox(sandboxId);
    containersOf(sandboxId).forEach(c -> removeContainer(c.id));
    sandboxes.remove(sandboxId);
    events.emit(l -> l.sandboxRemoved(sandboxId));
    String uid = sandbox.config().podUid();
    if (sandboxes.values().stream().noneMatch(s -> s.config().podUid().equals(uid))) {
      ProcessLogs.deleteTree(podDir(sandbox.config()));
      ProcessLogs.deleteTree(workDir(sandbox.config()));
    }
  }

  @Override
  public Optional<PodSandboxStatus> podSandboxStatus(String sandboxId) {
    return Optional.ofNullable(sandboxes.get(sandboxId)).map(this::statusOf);
  }

  @Override
  public List<PodSandboxStatus> listPodSandboxes() {
    return sandboxes.values().stream().sorted(Comparator.comparing(Sandbox::createdAt))
        .map(this::statusOf).toList();
  }

  @Override
  public String createContainer(String sandboxId, ContainerConfig containerConfig) {
    requireNonNull(containerConfig, "config");
    Sandbox sandbox = readySandbox(sandboxId);
    String id = newId();
    ProcessLauncher.argv(id, containerConfig);
    ProcessLauncher.ports(id, containerConfig);
    ProcessContainer c = new ProcessContainer(id, sandboxId, containerConfig,
        podDir(sandbox.config()).resolve(containerConfig.name()), clock.now());
    containers.put(id, c);
    ContainerStatus status = c.status();
    events.emit(l -> l.containerChanged(status));
    return id;
  }

  @Override
  public void startContainer(String containerId) {
    ProcessContainer c = container(containerId);
    if (c.state() != ContainerState.CREATED) {
      throw new ContainerRuntimeException("container " + containerId + " is " + c.state()
          + "; only a CREATED container can be started (create a new one to restart)");
    }
    Sandbox sandbox = readySandbox(c.sandboxId);
    ProcessLauncher.checkPortsFree(containerId, c.config, config.hostAddress());
    ProcessBuilder builder = ProcessLauncher.builder(containerId, c.config, sandbox.config().hostname(),
        workDir(sandbox.config()));
    Process process;
    try {
      CriLogWriter writer = new CriLogWriter(c.logFile(), config.maxLogByteCount(), config.maxLogFiles());
      try {
        process = builder.start();
      } catch (IOException e) {
        writer.close();
        throw e;
      }
      c.started(process, writer, clock.now());
    } catch (IOException e) {
      c.failedToStart(e.getMessage(), clock.now());
      ContainerStatus failed = c.status();
      events.emit(l -> l.containerChanged(failed));
      throw new ContainerRuntimeException("container " + containerId + " (" + c.config.name()
          + "): cannot start " + builder.command() + ": " + e.getMessage(), e);
    }
    ProcessHandle handle = process.toHandle();
    running.put(containerId, new ProcessRecords.Entry(handle.pid(), ProcessRecords.startMillis(handle),
        c.sandboxId, containerId));
    saveRecords();
    ContainerStatus status = c.status();
    events.emit(l -> l.containerChanged(status));
    LOG.debug("Container {} ({}) started as pid {}", containerId, c.config.name(), handle.pid());
    process.onExit().thenRun(() -> executor.execute(() -> exited(c, process)));
  }

  private void exited(ProcessContainer c, Process process) {
    c.exited(process.exitValue(), clock.now());
    // as when a container's PID 1 ends: what it left running is killed
    c.rememberedTree().stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    running.remove(c.id);
    probes.forget(c.id);
    saveRecords();
    if (containers.get(c.id) == c) {
      ContainerStatus status = c.status();
      events.emit(l -> l.containerChanged(status));
    }
  }

  @Override
  public void stopContainer(String containerId, Duration timeout) {
    requireNonNull(timeout, "timeout");
    ProcessContainer c = containers.get(containerId);
    Optional<Process> process = c == null ? Optional.empty() : c.process();
    if (process.isEmpty()) {
      return;
    }
    Process p = process.get();
    if (timeout.isZero() || timeout.isNegative()) {
      Signals.kill(p);
      return;
    }
    if (c.armKill(() -> executor.schedule(timeout, () -> Signals.kill(p)))) {
      c.rememberTree(Signals.terminate(p));
    }
  }

  @Override
  public void removeContainer(String containerId) {
    ProcessContainer c = containers.remove(containerId);
    if (c == null) {
      return;
    }
    c.process().ifPresent(Signals::kill);
    c.removed();
    probes.forget(containerId);
    events.emit(l -> l.containerRemoved(containerId, c.sandboxId));
  }

  @Override
  public List<ContainerStatus> listContainers(ContainerFilter filter) {
    requireNonNull(filter, "filter");
    return containers.values().stream().map(ProcessContainer::status).filter(filter::matches)
        .sorted(Comparator.comparing(ContainerStatus::createdAt)).toList();
  }

  @Override
  public Optional<ContainerStatus> containerStatus(String containerId) {
    return Optional.ofNullable(containers.get(containerId)).map(ProcessContainer::status);
  }

  /** CPU time and resident memory of the container's process tree, from /proc ({@link ProcessStats}). */
  @Override
  public Optional<io.capstan.spi.node.ContainerStats> containerStats(String containerId) {
    ProcessContainer c = containers.get(containerId);
    return c == null ? Optional.empty() : c.process().flatMap(p -> ProcessStats.of(containerId, p.toHandle(), clock.now()));
  }

  @Override
  public LogSubscription readLogs(String containerId, LogOptions options, LogSink sink) {
    return logs.read(container(containerId), options, sink);
  }

  /**
   * Runs exec, tcpSocket and httpGet probes of a running container (see {@link ProcessProbes}):
   * never blocks, answers from the last completed check. A container that is not running fails.
   */
  @Override
  public Optional<Boolean> probe(String containerId, ProbeKind kind, Probe probe) {
    ProcessContainer c = container(containerId);
    if (c.state() != ContainerState.RUNNING) {
      return Optional.of(false);
    }
    Sandbox sandbox = sandboxes.get(c.sandboxId);
    if (sandbox == null) {
      return Optional.of(false);
    }
    return probes.probe(containerId, kind, probe, command -> ProcessLauncher.builder(containerId, c.config,
        sandbox.config().hostname(), workDir(sandbox.config())).command(command));
  }

  @Override
  public void close() throws Exception {
    synchronized (this) {
      if (closed || records == null) {
        closed = true;
        return;
      }
      closed = true;
      flushTask.cancel();
    }
    Signals.stopAll(containers.values().stream().flatMap(c -> c.process().stream()).toList(),
        config.closeGracePeriod());
    probes.close();
    flush();
    running.clear();
    records.write(List.of());
    records.close();
  }

  /** Simulates a crash of the runtime, for tests: releases its slot but leaves processes running. */
  synchronized void abandon() throws IOException {
    closed = true;
    flushTask.cancel();
    records.close();
  }

  private void saveRecords() {
    try {
      synchronized (this) {
        if (!closed) {
          records.write(running.values());
        }
      }
    } catch (IOException e) {
      LOG.warn("Could not record running processes in {}: {}", records.slot(), e.toString());
    }
  }

  private ProcessContainer container(String containerId) {
    ProcessContainer c = containers.get(requireNonNull(containerId, "containerId"));
    if (c == null) {
      throw new ContainerRuntimeException("container " + containerId + " is not known to this runtime");
    }
    return c;
  }

  private Sandbox readySandbox(String sandboxId) {
    Sandbox sandbox = sandboxes.get(requireNonNull(sandboxId, "sandboxId"));
    if (sandbox == null) {
      throw new ContainerRuntimeException("sandbox " + sandboxId + " is not known to this runtime");
    }
    if (sandbox.state() != PodSandboxState.READY) {
      throw new ContainerRuntimeException("sandbox " + sandboxId + " is stopped; containers need a READY sandbox");
    }
    return sandbox;
  }

  private List<ProcessContainer> containersOf(String sandboxId) {
    return containers.values().stream().filter(c -> c.sandboxId.equals(sandboxId)).toList();
  }

  private PodSandboxStatus statusOf(Sandbox s) {
    return new PodSandboxStatus(s.id(), s.config(), s.state(), s.createdAt(),
        s.state() == PodSandboxState.READY ? config.hostAddress() : "");
  }

  private Path podDir(PodSandboxConfig pod) {
    return dataDir.resolve("pods").resolve(pod.namespace() + "_" + pod.name() + "_" + pod.podUid());
  }

  private Path workDir(PodSandboxConfig pod) {
    return dataDir.resolve("work").resolve(pod.namespace() + "_" + pod.name() + "_" + pod.podUid());
  }

  private static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
