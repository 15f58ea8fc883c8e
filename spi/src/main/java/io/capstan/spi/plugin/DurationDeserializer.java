package io.capstan.spi.plugin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations the way Kubernetes and Go write them ({@code 500ms}, {@code 10s}, {@code 1m30s},
 * {@code 2h}) as well as ISO-8601 ({@code PT10S}).
 */
public final class DurationDeserializer extends StdScalarDeserializer<Duration> {

  private static final long serialVersionUID = 1L;
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

  DurationDeserializer() {
    super(Duration.class);
  }

  @Override
  public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String text = p.getValueAsString();
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, e.getMessage());
    }
  }

  /** Writes a duration the way {@link #parse} reads it back: {@code 1h30m}, {@code 10s}, {@code 500ms}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0";
    }
    if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
      return d.toString();
    }
    StringBuilder out = new StringBuilder();
    long hours = d.toHours();
    long minutes = d.toMinutesPart();
    long seconds = d.toSecondsPart();
    long millis = d.toMillisPart();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0) {
      out.append(seconds).append('s');
    }
    if (millis > 0) {
      out.append(millis).append("ms");
    }
    return out.toString();
  }

  /** Parses {@code 500ms}, {@code 10s}, {@code 1m30s}, {@code 2h}, {@code 0} or ISO-8601 {@code PT10S}. */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.startsWith("P") || s.startsWith("p")) {
      return Duration.parse(s);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    int end = 0;
    double nanos = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      nanos += n * switch (m.group(2)) {
        case "ns" -> 1d;
        case "us" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      end = m.end();
    }
    if (end == 0 || end != s.length()) {
      throw new IllegalArgumentException("not a duration; write e.g. 500ms, 10s, 1m30s or 2h");
    }
    return Duration.ofNanos(Math.round(nanos));
  }
}
