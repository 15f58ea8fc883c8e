package io.capstan.runtime.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cases of k8s.io/apimachinery/pkg/util/duration/duration_test.go ({@code TestHumanDuration},
 * {@code TestHumanDurationBoundaries}, {@code TestShortHumanDurationBoundaries}), as nanoseconds.
 */
class AgesTest {

  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final long M = 60 * S;
  private static final long H = 60 * M;
  private static final long D = 24 * H;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1s, 1s", "70s, 70s", "190s, 3m10s", "70m, 70m", "47h, 47h", "49h, 2d1h", "194h, 8d", "8808h, 367d",
    "17545h, 2y1d", "70082h, 8y",
    "-2s, <invalid>", "-1999999999n, 0s", "0n, 0s", "999ms, 0s", "119999ms, 119s", "2m, 2m", "121s, 2m1s",
    "599999ms, 9m59s", "10m, 10m", "601s, 10m", "10799999ms, 179m", "3h, 3h", "181m, 3h1m", "28799999ms, 7h59m",
    "8h, 8h", "539m, 8h", "172799999ms, 47h", "48h, 2d", "49h, 2d1h", "691199999ms, 7d23h", "192h, 8d", "215h, 8d",
    "730d-1ms, 729d", "730d, 2y", "730d+23h, 2y", "730d+1439m, 2y", "731d-1ms, 2y", "731d, 2y1d", "1095d, 3y",
    "2920d-1ms, 7y364d", "2920d, 8y", "3284d, 8y", "3285d, 9y",
  })
  void humanDurationMatchesApimachinery(String duration, String expected) {
    assertThat(Ages.human(Duration.ofNanos(nanos(duration)))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "-2s, <invalid>", "-1999999999n, 0s", "0n, 0s", "999ms, 0s", "1s, 1s", "1999ms, 1s", "59999ms, 59s", "1m, 1m",
    "119999ms, 1m", "3599999ms, 59m", "1h, 1h", "7199999ms, 1h", "86399999ms, 23h", "1d, 1d", "2d-1ms, 1d",
    "365d-1ms, 364d", "365d, 1y", "730d-1ms, 1y", "730d, 2y",
  })
  void shortHumanDurationMatchesApimachinery(String duration, String expected) {
    assertThat(Ages.shortHuman(Duration.ofNanos(nanos(duration)))).isEqualTo(expected);
  }

  @Test
  void sinceReadsRfc3339AndTreatsAbsentAsUnknown() {
    Instant now = Instant.parse("2025-01-01T12:00:00Z");
    assertThat(Ages.since("2025-01-01T11:55:00Z", now)).isEqualTo("5m");
    assertThat(Ages.since("2025-01-01T13:55:00+02:00", now)).isEqualTo("5m");
    assertThat(Ages.since(null, now)).isEqualTo("<unknown>");
    assertThat(Ages.since("", now)).isEqualTo("<unknown>");
    assertThat(Ages.since("yesterday", now)).isEqualTo("<unknown>");
  }

  /** {@code 730d+23h}, {@code 729d-1ms}, {@code -1999999999n}: terms with units n, ms, s, m, h, d. */
  private static long nanos(String text) {
    long total = 0;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([+-]?)(\\d+)(ms|n|s|m|h|d)").matcher(text);
    while (m.find()) {
      long unit = switch (m.group(3)) {
        case "n" -> 1;
        case "ms" -> MS;
        case "s" -> S;
        case "m" -> M;
        case "h" -> H;
        default -> D;
      };
      long value = Long.parseLong(m.group(2)) * unit;
      total += m.group(1).equals("-") ? -value : value;
    }
    return total;
  }
}
