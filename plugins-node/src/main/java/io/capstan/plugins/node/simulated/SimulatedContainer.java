package io.capstan.plugins.node.simulated;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerState;
import io.capstan.spi.node.ContainerStatus;
import io.capstan.spi.node.LogLine;
import io.capstan.spi.node.LogSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One simulated container instance. Mutable; every field is guarded by the owning
 * {@link SimulatedRuntime}'s lock. Its log is not stored: it is computed from the behaviour and
 * the start and finish times, so memory does not grow with log lines.
 */
final class SimulatedContainer {

  final String id;
  final String sandboxId;
  final String podDescription;
  final ContainerConfig config;
  final SimulatedBehavior behavior;
  final Instant createdAt;
  ContainerState state = ContainerState.CREATED;
  boolean startRequested;
  Instant startedAt;
  Instant finishedAt;
  int exitCode;
  String reason = "";
  String message = "";
  Cancellable timer = () -> false;
  Cancellable killTimer = () -> false;
  List<LogSink> followers = List.of();

  SimulatedContainer(String id, String sandboxId, String podDescription, ContainerConfig config,
      SimulatedBehavior behavior, Instant createdAt) {
    this.id = id;
    this.sandboxId = sandboxId;
    this.podDescription = podDescription;
    this.config = config;
    this.behavior = behavior;
    this.createdAt = createdAt;
  }

  ContainerStatus status() {
    return new ContainerStatus(id, sandboxId, config.name(), config.attempt(), config.image(), state, createdAt,
        Optional.ofNullable(startedAt), Optional.ofNullable(finishedAt), state == ContainerState.EXITED ? exitCode : 0,
        reason, message, config.labels());
  }

  void cancelTimers() {
    timer.cancel();
    killTimer.cancel();
  }

  /** The lines printed at start: the literal text of {@code sim.capstan.io/log}, or synthetic ones. */
  List<LogLine> startLines() {
    List<LogLine> out = new ArrayList<>();
    if (startedAt == null) {
      return out;
    }
    if (behavior.logText().isPresent()) {
      List<String> text = behavior.logText().get();
      for (int i = 0; i < text.size(); i++) {
        out.add(new LogLine(startedAt.plusNanos(i * 1000L), LogLine.Stream.STDOUT, text.get(i)));
      }
      return out;
    }
    for (int i = 0; i < behavior.logLines(); i++) {
      String text = i == 0
          ? "simulated container " + config.name() + " of pod " + podDescription + " started (attempt " + config.attempt()
              + ", image " + config.image() + ")"
          : "simulated log line " + i + " of container " + config.name();
      out.add(new LogLine(startedAt.plusNanos(i * 1000L), LogLine.Stream.STDOUT, text));
    }
    return out;
  }

  /** The line printed when a container with synthetic output exits; none for literal text. */
  List<LogLine> exitLines() {
    if (finishedAt == null || behavior.logText().isPresent() || behavior.logLines() == 0) {
      return List.of();
    }
    LogLine.Stream stream = exitCode == 0 ? LogLine.Stream.STDOUT : LogLine.Stream.STDERR;
    return List.of(new LogLine(finishedAt, stream, "simulated container " + config.name() + " exited with code "
        + exitCode + (message.isEmpty() ? "" : " (" + message + ")")));
  }

  List<LogLine> allLines() {
    List<LogLine> out = startLines();
    out.addAll(exitLines());
    return out;
  }
}
