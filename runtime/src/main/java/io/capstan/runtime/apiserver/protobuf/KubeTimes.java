package io.capstan.runtime.apiserver.protobuf;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The text forms of {@code metav1.Time} and {@code metav1.MicroTime}, exactly as Go's
 * {@code encoding/json} writes them: {@code Time} is RFC 3339 in UTC to the second
 * ({@code 2025-01-01T00:00:00Z}; Kubernetes drops the fraction on purpose), {@code MicroTime} always
 * carries six fraction digits ({@code 2025-01-01T00:00:00.000000Z}). Parsing accepts any RFC 3339
 * text, with or without fraction, in any offset, as Go's {@code time.Parse(time.RFC3339, ...)} does.
 * Stateless.
 */
final class KubeTimes {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private KubeTimes() {}

  /** {@code metav1.Time}'s JSON text: UTC, whole seconds (a fraction is dropped, not rounded, as Go's layout does). */
  static String formatTime(Instant instant) {
    return SECONDS.format(requireNonNull(instant, "instant"));
  }

  /** {@code metav1.MicroTime}'s JSON text: UTC, six fraction digits (nanoseconds are truncated). */
  static String formatMicroTime(Instant instant) {
    return MICROS.format(requireNonNull(instant, "instant"));
  }

  /**
   * Parses RFC 3339 text ({@code 2025-01-01T00:00:00Z}, {@code 2025-01-01T02:00:00.5+02:00}).
   *
   * @throws IllegalArgumentException naming the text when it is not RFC 3339
   */
  static Instant parse(String text) {
    requireNonNull(text, "text");
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not an RFC 3339 time such as 2025-01-01T00:00:00Z", e);
    }
  }
}
