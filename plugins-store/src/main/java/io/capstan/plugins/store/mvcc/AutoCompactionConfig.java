package io.capstan.plugins.store.mvcc;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.capstan.spi.plugin.DurationDeserializer;
import io.capstan.spi.plugin.InvalidConfigException;
import java.time.Duration;

/**
 * Automatic compaction, shared by the embedded stores and bound from {@code
 * store.<plugin>.autoCompaction.*}; modelled on etcd's {@code --auto-compaction-mode} and {@code
 * --auto-compaction-retention}.
 *
 * <ul>
 *   <li>{@code periodic} (default): keep about {@code retention} of history, a duration ({@code 10m},
 *       {@code 1h}; a bare number means hours, as in etcd). Default 10 minutes: twice the window the
 *       Kubernetes API server keeps for watches, so its own 5-minute compaction stays in charge.
 *   <li>{@code revision}: keep the last {@code retention} revisions (a count).
 *   <li>{@code none}: never compact by itself.
 * </ul>
 *
 * <p>History is held in memory by both embedded stores, so leaving compaction off on a busy store
 * grows memory without bound; that is why it is on by default.
 *
 * @param mode {@code periodic}, {@code revision} or {@code none}; null means {@code periodic}
 * @param retention how much history to keep, in the mode's unit; null means the mode's default
 *     ({@code 10m}, or {@code 10000} revisions)
 * @param interval how often to check; null means as etcd: a tenth of the retention (at least 1 s,
 *     at most 1 h) in periodic mode, 5 minutes in revision mode
 */
public record AutoCompactionConfig(Mode mode, String retention, Duration interval) {

  /** The compaction modes. */
  public enum Mode {
    @JsonProperty("none") NONE,
    @JsonProperty("periodic") PERIODIC,
    @JsonProperty("revision") REVISION
  }

  static final Duration DEFAULT_PERIOD = Duration.ofMinutes(10);
  static final long DEFAULT_REVISIONS = 10_000;

  public AutoCompactionConfig {
    if (mode == null) {
      mode = Mode.PERIODIC;
    }
    if (retention == null || retention.isBlank()) {
      retention = mode == Mode.REVISION ? Long.toString(DEFAULT_REVISIONS)
          : DurationDeserializer.format(DEFAULT_PERIOD);
    }
    retention = retention.trim();
    if (mode == Mode.PERIODIC) {
      Duration period = parsePeriod(retention);
      if (period.isNegative() || period.isZero()) {
        throw new InvalidConfigException("retention", "must be a positive duration in periodic"
            + " mode, was '" + retention + "'; write e.g. 10m or 1h, or set mode to none");
      }
    } else if (mode == Mode.REVISION) {
      long revisions = parseRevisions(retention);
      if (revisions < 1) {
        throw new InvalidConfigException("retention", "must be a positive number of revisions in"
            + " revision mode, was '" + retention + "'");
      }
    }
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw new InvalidConfigException("interval", "must be positive, was " + interval
          + "; remove the key for the default");
    }
    if (interval == null && mode != Mode.NONE) {
      interval = mode == Mode.REVISION ? Duration.ofMinutes(5)
          : clamp(parsePeriod(retention).dividedBy(10), Duration.ofSeconds(1), Duration.ofHours(1));
    }
  }

  /** Every setting at its default: periodic, 10 minutes. */
  public static AutoCompactionConfig defaults() {
    return new AutoCompactionConfig(null, null, null);
  }

  /** No automatic compaction. */
  public static AutoCompactionConfig disabled() {
    return new AutoCompactionConfig(Mode.NONE, null, null);
  }

  /** The retention as a duration; periodic mode only. */
  @JsonIgnore
  public Duration retentionPeriod() {
    return parsePeriod(retention);
  }

  /** The retention as a revision count; revision mode only. */
  @JsonIgnore
  public long retentionRevisions() {
    return parseRevisions(retention);
  }

  private static Duration parsePeriod(String text) {
    try {
      if (text.chars().allMatch(Character::isDigit)) {
        return Duration.ofHours(Long.parseLong(text)); // etcd reads a bare number as hours
      }
      return DurationDeserializer.parse(text);
    } catch (RuntimeException e) {
      throw new InvalidConfigException("retention", "'" + text + "' is not a duration; write e.g."
          + " 10m or 1h (a bare number means hours)");
    }
  }

  private static long parseRevisions(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException("retention", "'" + text + "' is not a revision count;"
          + " in revision mode write a whole number such as 10000");
    }
  }

  private static Duration clamp(Duration d, Duration min, Duration max) {
    return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
  }
}
