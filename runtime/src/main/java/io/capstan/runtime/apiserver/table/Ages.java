package io.capstan.runtime.apiserver.table;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Kubernetes' human-readable durations, exactly: {@code HumanDuration} and
 * {@code ShortHumanDuration} from k8s.io/apimachinery/pkg/util/duration/duration.go, and the
 * printers' {@code translateTimestampSince} (pkg/printers/internalversion/printers.go), with the
 * current time passed in rather than read from a clock. Stateless.
 */
public final class Ages {

  private Ages() {}

  /**
   * {@code HumanDuration}: about two or three significant figures ({@code 45s}, {@code 119s},
   * {@code 2m}, {@code 5m30s}, {@code 10m}, {@code 3h2m}, {@code 8h}, {@code 2d}, {@code 3d4h},
   * {@code 400d}, {@code 2y10d}, {@code 9y}); up to a second in the future is {@code 0s}, more is
   * {@code <invalid>}.
   */
  public static String human(Duration d) {
    long seconds = d.toNanos() / 1_000_000_000L;
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = d.toMinutes();
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = d.toHours();
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = hours / 24 % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /** {@code ShortHumanDuration}: one unit ({@code 45s}, {@code 12m}, {@code 5h}, {@code 3d}, {@code 2y}). */
  public static String shortHuman(Duration d) {
    long seconds = d.toNanos() / 1_000_000_000L;
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60) {
      return seconds + "s";
    } else if (d.toMinutes() < 60) {
      return d.toMinutes() + "m";
    } else if (d.toHours() < 24) {
      return d.toHours() + "h";
    } else if (d.toHours() < 24 * 365) {
      return d.toHours() / 24 + "d";
    }
    return d.toHours() / 24 / 365 + "y";
  }

  /**
   * {@code translateTimestampSince}: the age of an RFC 3339 timestamp at {@code now}, or
   * {@code <unknown>} when the timestamp is absent (Go's zero time) or unreadable.
   */
  public static String since(String timestamp, Instant now) {
    return parse(timestamp).map(t -> human(Duration.between(t, now))).orElse("<unknown>");
  }

  /** An RFC 3339 timestamp, empty when null, blank or not a timestamp. */
  static Optional<Instant> parse(String timestamp) {
    if (timestamp == null || timestamp.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(timestamp).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
