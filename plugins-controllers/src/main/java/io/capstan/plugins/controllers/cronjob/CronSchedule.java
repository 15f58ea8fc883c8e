package io.capstan.plugins.controllers.cronjob;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CronJob's schedule: a standard five-field cron expression (parsed by cron-utils), one of
 * Kubernetes' macros ({@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly},
 * {@code @daily}, {@code @midnight}, {@code @hourly}), evaluated in {@code spec.timeZone} or a
 * {@code CRON_TZ=}/{@code TZ=} prefix, else UTC (the controller manager's zone in Capstan).
 */
final class CronSchedule {

  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

  private final ExecutionTime times;
  private final ZoneId zone;

  private CronSchedule(ExecutionTime times, ZoneId zone) {
    this.times = times;
    this.zone = zone;
  }

  /**
   * Parses a schedule.
   *
   * @throws IllegalArgumentException naming the expression and what is wrong
   */
  static CronSchedule parse(String schedule, String timeZone) {
    String text = schedule.trim();
    ZoneId zone = ZoneOffset.UTC;
    try {
      if (timeZone != null && !timeZone.isEmpty()) {
        zone = ZoneId.of(timeZone);
      }
      for (String prefix : new String[] {"CRON_TZ=", "TZ="}) {
        if (text.startsWith(prefix)) {
          int space = text.indexOf(' ');
          if (space < 0) {
            throw new IllegalArgumentException("schedule '" + schedule + "' has a time zone but no expression");
          }
          zone = ZoneId.of(text.substring(prefix.length(), space));
          text = text.substring(space + 1).trim();
        }
      }
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone in schedule '" + schedule + "': " + e.getMessage(), e);
    }
    String expression = MACROS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
    try {
      return new CronSchedule(ExecutionTime.forCron(PARSER.parse(expression)), zone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid cron schedule '" + schedule + "': " + e.getMessage(), e);
    }
  }

  /** The first schedule time strictly after {@code after}. */
  Optional<Instant> next(Instant after) {
    return times.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
  }

  /** The latest schedule time at or before {@code at}. */
  Optional<Instant> latest(Instant at) {
    return times.lastExecution(ZonedDateTime.ofInstant(at.plusSeconds(1), zone)).map(ZonedDateTime::toInstant)
        .filter(t -> !t.isAfter(at));
  }
}
