package io.capstan.runtime.apiserver.validation;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CronJob schedules and time zones. Kubernetes parses schedules with robfig/cron's
 * {@code ParseStandard}: five fields (minute, hour, day of month 1-31, month 1-12 or JAN-DEC, day of
 * week 0-6 or SUN-SAT, with {@code ?} allowed in the day fields), or a descriptor ({@code @yearly},
 * {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight},
 * {@code @hourly}, {@code @every <duration>}). Capstan checks the five fields with cron-utils under
 * that definition and handles the descriptors itself; the field-count and descriptor messages are
 * robfig's, other parse messages are cron-utils' (they name the problem but are worded
 * differently). Stateless and thread-safe (the parser is immutable).
 */
final class CronSchedule {

  private static final CronDefinition STANDARD = CronDefinitionBuilder.defineCron()
      .withMinutes().withValidRange(0, 59).and()
      .withHours().withValidRange(0, 23).and()
      .withDayOfMonth().withValidRange(1, 31).supportsQuestionMark().and()
      .withMonth().withValidRange(1, 12).and()
      .withDayOfWeek().withValidRange(0, 6).withMondayDoWValue(1).supportsQuestionMark().and()
      .matchDayOfWeekAndDayOfMonth()
      .instance();
  private static final CronParser PARSER = new CronParser(STANDARD);
  private static final List<String> DESCRIPTORS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final Pattern GO_DURATION =
      Pattern.compile("[-+]?(([0-9]*(\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h))+|[-+]?0");
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final Pattern TIME_ZONE_PART = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");

  private CronSchedule() {}

  /** The parse error of {@code schedule}, as Kubernetes would put it in the Invalid detail; empty when valid. */
  static Optional<String> parseError(String schedule) {
    String spec = schedule.strip();
    if (spec.isEmpty()) {
      return Optional.of("empty spec string");
    }
    // robfig accepts a CRON_TZ= or TZ= prefix; Kubernetes then refuses it separately
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      int space = spec.indexOf(' ');
      String zone = spec.substring(spec.indexOf('=') + 1, space < 0 ? spec.length() : space);
      if (!zoneExists(zone)) {
        return Optional.of("provided bad location " + zone + ": unknown time zone " + zone);
      }
      spec = space < 0 ? "" : spec.substring(space).strip();
    }
    if (spec.startsWith("@")) {
      return descriptor(spec);
    }
    String[] fields = spec.split("\\s+");
    if (fields.length != 5) {
      return Optional.of("expected exactly 5 fields, found " + fields.length + ": [" + String.join(" ", fields) + "]");
    }
    Optional<String> reversed = reversedRange(fields);
    if (reversed.isPresent()) {
      return reversed;
    }
    try {
      PARSER.parse(String.join(" ", Arrays.stream(fields).map(f -> f.toUpperCase(Locale.ROOT)).toList()));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage() == null ? "invalid schedule" : e.getMessage());
    }
  }

  /**
   * robfig refuses a range whose start is after its end ({@code 5-1}); cron-utils reads it as
   * wrapping around, so this one rule is checked here, with robfig's message.
   */
  private static Optional<String> reversedRange(String[] fields) {
    for (int f = 0; f < fields.length; f++) {
      List<String> names = f == 3 ? MONTHS : f == 4 ? DAYS : List.of();
      for (String part : fields[f].split(",")) {
        String range = part.contains("/") ? part.substring(0, part.indexOf('/')) : part;
        String[] ends = range.split("-", -1);
        if (ends.length == 2) {
          int start = number(ends[0], names, f == 3 ? 1 : 0);
          int end = number(ends[1], names, f == 3 ? 1 : 0);
          if (start >= 0 && end >= 0 && start > end) {
            return Optional.of("beginning of range (" + start + ") beyond end of range (" + end + "): " + range);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static int number(String text, List<String> names, int firstNameValue) {
    int named = names.indexOf(text.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return named + firstNameValue;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1; // not a number: cron-utils reports it
    }
  }

  private static Optional<String> descriptor(String spec) {
    if (DESCRIPTORS.contains(spec)) {
      return Optional.empty();
    }
    if (spec.startsWith("@every ")) {
      String duration = spec.substring("@every ".length());
      return GO_DURATION.matcher(duration).matches() ? Optional.empty()
          : Optional.of("failed to parse duration " + spec + ": time: invalid duration " + GoFormat.quote(duration));
    }
    return Optional.of("unrecognized descriptor: " + spec);
  }

  /** Kubernetes' {@code validateTimeZone} problems for a set {@code timeZone}. */
  static List<String> timeZoneErrors(String timeZone) {
    List<String> errs = new ArrayList<>();
    if (timeZone.isEmpty()) {
      errs.add("timeZone must be nil or non-empty string");
      return errs;
    }
    for (String part : timeZone.split("/", -1)) {
      if (part.equals(".") || part.equals("..") || part.startsWith("-") || !TIME_ZONE_PART.matcher(part).matches()) {
        errs.add("unknown time zone " + timeZone);
        return errs;
      }
    }
    if (timeZone.equalsIgnoreCase("Local")) {
      errs.add("timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
    }
    // Go's LoadLocation("Local") succeeds (it is the machine's zone), so only the line above applies
    if (!timeZone.equals("Local") && !zoneExists(timeZone)) {
      errs.add("unknown time zone " + timeZone);
    }
    return errs;
  }

  /** Go's {@code time.LoadLocation} succeeds: an IANA zone name (Java's tzdb region ids) or UTC. */
  static boolean zoneExists(String zone) {
    return zone.equals("UTC") || ZoneId.getAvailableZoneIds().contains(zone);
  }
}
