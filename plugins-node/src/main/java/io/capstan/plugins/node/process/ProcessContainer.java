package io.capstan.plugins.node.process;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerState;
import io.capstan.spi.node.ContainerStatus;
import io.capstan.spi.node.LogLine;
import io.capstan.spi.node.LogSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container of the {@code process} runtime: its state, its process once started, the pipes of
 * its output and the followers of its log. Every method is synchronized, so log lines reach each
 * sink from one thread at a time and in order. Output is read without blocking (only the bytes a
 * pipe holds), on the runtime's flush task and once more when the process exits.
 */
final class ProcessContainer {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessContainer.class);
  private static final int MAX_READ_PER_TICK = 1 << 20;

  final String id;
  final String sandboxId;
  final ContainerConfig config;
  final Path containerDir;
  final Instant createdAt;
  private ContainerState state = ContainerState.CREATED;
  private Instant startedAt;
  private Instant finishedAt;
  private int exitCode;
  private String reason = "";
  private String message = "";
  private Process process;
  private InputStream stdout;
  private InputStream stderr;
  private CriLogWriter writer;
  private Cancellable killTask;
  private List<ProcessHandle> tree = List.of();
  private final List<Follower> followers = new ArrayList<>();
  private byte[] buffer; // only while the process runs

  ProcessContainer(String id, String sandboxId, ContainerConfig config, Path containerDir, Instant createdAt) {
    this.id = requireNonNull(id, "id");
    this.sandboxId = requireNonNull(sandboxId, "sandboxId");
    this.config = requireNonNull(config, "config");
    this.containerDir = requireNonNull(containerDir, "containerDir");
    this.createdAt = requireNonNull(createdAt, "createdAt");
  }

  Path logFile() {
    return CriLogWriter.fileOf(containerDir, config.attempt());
  }

  synchronized ContainerStatus status() {
    return new ContainerStatus(id, sandboxId, config.name(), config.attempt(), config.image(), state,
        createdAt, Optional.ofNullable(startedAt), Optional.ofNullable(finishedAt), exitCode, reason,
        message, config.labels());
  }

  synchronized ContainerState state() {
    return state;
  }

  synchronized Optional<Process> process() {
    return state == ContainerState.RUNNING ? Optional.of(process) : Optional.empty();
  }

  /** Records a started process; its output goes to {@code writer}. */
  synchronized void started(Process started, CriLogWriter logWriter, Instant now) {
    process = started;
    stdout = started.getInputStream();
    stderr = started.getErrorStream();
    writer = logWriter;
    buffer = new byte[64 * 1024];
    startedAt = now;
    state = ContainerState.RUNNING;
  }

  /** A start that failed: the container is EXITED with code 128 and reason StartError, as containerd does. */
  synchronized void failedToStart(String why, Instant now) {
    startedAt = now;
    finishedAt = now;
    exitCode = 128;
    reason = "StartError";
    message = why;
    state = ContainerState.EXITED;
  }

  /**
   * Arms the SIGKILL of a graceful stop, unless one is armed already (a second stop keeps the
   * first deadline). Returns true when this call armed it.
   */
  synchronized boolean armKill(java.util.function.Supplier<Cancellable> schedule) {
    if (killTask != null || state != ContainerState.RUNNING) {
      return false;
    }
    killTask = schedule.get();
    return true;
  }

  /** The descendants seen when SIGTERM was sent, killed if still alive when the process ends. */
  synchronized void rememberTree(List<ProcessHandle> descendants) {
    tree = List.copyOf(descendants);
  }

  synchronized List<ProcessHandle> rememberedTree() {
    return tree;
  }

  /** Reads what the pipes hold, logs it, and serves the followers. */
  synchronized void tick(Instant now) {
    if (state == ContainerState.RUNNING) {
      pump(now);
    }
    serveFollowers();
  }

  /** The process ended: drains its pipes, records the exit and ends every follow. */
  synchronized void exited(int code, Instant now) {
    if (state != ContainerState.RUNNING) {
      return;
    }
    pump(now);
    try {
      forward(writer.finish(now));
      writer.close();
      stdout.close();
      stderr.close();
    } catch (IOException e) {
      LOG.warn("Container {}: could not finish its log: {}", id, e.toString());
    }
    if (killTask != null) {
      killTask.cancel();
    }
    buffer = null;
    finishedAt = now.isBefore(startedAt) ? startedAt : now;
    exitCode = code;
    reason = code == 0 ? "Completed" : "Error";
    state = ContainerState.EXITED;
    serveFollowers();
  }

  /** Starts a follow: {@code backlog} first, then new lines, until exit or close. */
  synchronized Follower follow(List<LogLine> backlog, LogSink sink) {
    Follower follower = new Follower(sink, backlog);
    followers.add(follower);
    return follower;
  }

  /** Forgets the container: followers end, pipes close. */
  synchronized void removed() {
    followers.forEach(Follower::close);
    serveFollowers();
  }

  private void pump(Instant now) {
    read(stdout, LogLine.Stream.STDOUT, now);
    read(stderr, LogLine.Stream.STDERR, now);
  }

  private void read(InputStream in, LogLine.Stream stream, Instant now) {
    try {
      int total = 0;
      for (int n = in.available(); n > 0 && total < MAX_READ_PER_TICK; n = in.available()) {
        int read = in.read(buffer, 0, Math.min(n, buffer.length));
        if (read <= 0) {
          break;
        }
        total += read;
        forward(writer.append(stream, buffer, read, now));
      }
    } catch (IOException e) {
      LOG.debug("Container {}: reading {} failed: {}", id, stream, e.toString());
    }
  }

  private void forward(List<LogLine> lines) {
    for (Follower f : followers) {
      f.backlog.addAll(lines);
    }
  }

  private void serveFollowers() {
    boolean over = state == ContainerState.EXITED;
    followers.removeIf(f -> f.serve(over));
  }

  /** One reader following the log. */
  static final class Follower implements io.capstan.spi.node.LogSubscription {
    private final LogSink sink;
    private final List<LogLine> backlog;
    private volatile boolean closed;

    Follower(LogSink sink, List<LogLine> backlog) {
      this.sink = requireNonNull(sink, "sink");
      this.backlog = new ArrayList<>(backlog);
    }

    /** Delivers the backlog; returns true (and ends the sink) when the follow is over. */
    boolean serve(boolean containerExited) {
      if (!closed) {
        for (LogLine line : backlog) {
          try {
            sink.line(line);
          } catch (RuntimeException e) {
            LOG.warn("A log sink failed; ending its follow: {}", e.toString());
            closed = true;
            break;
          }
        }
      }
      backlog.clear();
      if (closed || containerExited) {
        sink.end();
        return true;
      }
      return false;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
