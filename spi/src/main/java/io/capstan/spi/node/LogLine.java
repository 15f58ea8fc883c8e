package io.capstan.spi.node;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One line of container output, without its line terminator.
 *
 * @param time when the runtime received it
 * @param stream which output it came from
 * @param text the line
 */
public record LogLine(Instant time, Stream stream, String text) {

  /** The output stream a line came from. */
  public enum Stream { STDOUT, STDERR }

  public LogLine {
    requireNonNull(time, "time");
    requireNonNull(stream, "stream");
    requireNonNull(text, "text");
  }
}
