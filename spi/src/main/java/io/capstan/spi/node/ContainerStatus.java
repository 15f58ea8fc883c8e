package io.capstan.spi.node;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A container as the runtime sees it now: the CRI's {@code ContainerStatus}. Restart counts are
 * not here: restarts are the node agent's business ({@link ContainerConfig#attempt()}).
 *
 * @param id the runtime's opaque container id
 * @param sandboxId the sandbox it runs in
 * @param name the container's name in the pod
 * @param attempt the attempt it was created with
 * @param image the image reference
 * @param state the state
 * @param createdAt when it was created
 * @param startedAt when it started; present once it has run
 * @param finishedAt when it exited; present exactly when EXITED
 * @param exitCode the exit code when EXITED (128+signal when killed), 0 otherwise
 * @param reason {@code Completed}, {@code Error}, {@code OOMKilled}, ... when EXITED, else {@code ""}
 * @param message human detail for the reason, or {@code ""}
 * @param labels the labels it was created with
 */
public record ContainerStatus(String id, String sandboxId, String name, int attempt, String image,
    ContainerState state, Instant createdAt, Optional<Instant> startedAt,
    Optional<Instant> finishedAt, int exitCode, String reason, String message,
    Map<String, String> labels) {

  public ContainerStatus {
    requireNonNull(id, "id");
    requireNonNull(sandboxId, "sandboxId");
    requireNonNull(name, "name");
    requireNonNull(image, "image");
    requireNonNull(state, "state");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(finishedAt, "finishedAt");
    requireNonNull(reason, "reason");
    requireNonNull(message, "message");
    labels = Map.copyOf(requireNonNull(labels, "labels"));
    if (state == ContainerState.RUNNING && startedAt.isEmpty()) {
      throw new IllegalArgumentException(id + ": a RUNNING container needs startedAt");
    }
    if ((state == ContainerState.EXITED) != finishedAt.isPresent()) {
      throw new IllegalArgumentException(id + ": finishedAt is present exactly when EXITED");
    }
    if (state != ContainerState.EXITED && exitCode != 0) {
      throw new IllegalArgumentException(id + ": only an EXITED container has an exit code");
    }
    if (startedAt.isPresent() && startedAt.get().isBefore(createdAt)) {
      throw new IllegalArgumentException(id + ": startedAt is before createdAt");
    }
    if (finishedAt.isPresent() && startedAt.isPresent()
        && finishedAt.get().isBefore(startedAt.get())) {
      throw new IllegalArgumentException(id + ": finishedAt is before startedAt");
    }
  }

  /** True for an EXITED container with exit code 0. */
  public boolean succeeded() {
    return state == ContainerState.EXITED && exitCode == 0;
  }
}
