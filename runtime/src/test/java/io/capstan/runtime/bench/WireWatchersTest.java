package io.capstan.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The wire watchers' scan finds the sent time of ADDED events only, without decoding the pod. */
class WireWatchersTest {

  @Test
  void anAddedEventsSentTimeIsRead() {
    assertThat(scan("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":"
        + "{\"bench.capstan.io/sent\":\"123456789\"},\"name\":\"fanout-1\"},\"spec\":{}}}")).isEqualTo(123456789L);
  }

  @Test
  void otherEventsAndOtherLinesCountAsNothing() {
    assertThat(scan("{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"annotations\":{\"bench.capstan.io/sent\":\"5\"}}}}")).isZero();
    assertThat(scan("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"no-annotation\"}}}")).isZero();
    assertThat(scan("{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{\"resourceVersion\":\"7\"}}}")).isZero();
    assertThat(scan("not json")).isZero();
    assertThat(scan("")).isZero();
  }

  private static long scan(String line) {
    byte[] bytes = ("padding" + line + "\n{\"type\":\"ADDED\"}").getBytes(StandardCharsets.UTF_8);
    return WireWatchers.sentNanos(bytes, 7, line.getBytes(StandardCharsets.UTF_8).length);
  }
}
