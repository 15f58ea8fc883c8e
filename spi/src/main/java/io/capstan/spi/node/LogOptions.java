package io.capstan.spi.node;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What part of a container's log to read, as {@code kubectl logs} asks for it.
 *
 * @param tailLines only the last n lines; empty for all
 * @param since only lines written at or after this instant; empty for all
 * @param follow keep delivering new lines until the container exits or the reader closes
 * @param previous read the log of the previous (exited) instance of the same container name in
 *     the same sandbox instead of the current one
 */
public record LogOptions(OptionalInt tailLines, Optional<Instant> since, boolean follow,
    boolean previous) {

  /** The whole current log, no follow. */
  public static final LogOptions ALL = new LogOptions(OptionalInt.empty(), Optional.empty(), false, false);

  public LogOptions {
    requireNonNull(tailLines, "tailLines");
    requireNonNull(since, "since");
    if (tailLines.isPresent() && tailLines.getAsInt() < 0) {
      throw new IllegalArgumentException("tailLines must be >= 0, got " + tailLines.getAsInt());
    }
    if (previous && follow) {
      throw new IllegalArgumentException("cannot follow the log of a previous container instance");
    }
  }
}
