package io.capstan.plugins.research.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capstan sim --replay time}: pods arrive at their creation time and leave at their deletion
 * time on the virtual clock; a cluster too small for the peak keeps pods pending until earlier pods
 * leave, and the scheduler's queue places them then, as it would live.
 */
class TimedReplayTest {

  @TempDir static Path dir;
  static SyntheticTrace trace;

  @BeforeAll
  static void trace() throws IOException {
    // 10 nodes (56 GPUs); a pod every 10 s living ~25 minutes: ~150 live pods want more GPUs than exist
    trace = SyntheticTrace.write(dir, 10, 200, 1500);
  }

  @Test
  @SuppressWarnings("unchecked")
  void podsWaitForRoomAndAreScheduledWhenEarlierPodsLeave() throws IOException {
    Path a = dir.resolve("a");
    String table = trace.sim(a, "--policy", "FGD", "--seed", "3", "--replay", "time");
    assertThat(table).contains("mean allocated %", "FGD");
    List<String> rows = Files.readAllLines(a.resolve("series/FGD-3.csv"));
    assertThat(rows.get(0)).isEqualTo("second,arrivedGpuMilli,allocatedGpuMilli,arrivedGpuPct,allocatedGpuPct,"
        + "pendingPods,runningPods");
    List<long[]> samples = rows.stream().skip(1).map(r -> java.util.Arrays.stream(r.split(","))
        .mapToLong(v -> (long) Double.parseDouble(v)).toArray()).toList();
    assertThat(samples.get(0)[0]).isZero();
    assertThat(samples.get(samples.size() - 1)[0]).as("the last deletion, after the last creation").isGreaterThan(1990);
    assertThat(samples).as("pods pend when the cluster is full").anyMatch(s -> s[5] > 0);
    assertThat(samples).as("allocated never exceeds arrived").allMatch(s -> s[2] <= s[1]);
    assertThat(samples.get(samples.size() - 1)[6]).as("everything left by the end").isZero();
    Map<String, Object> summary = new ObjectMapper().readValue(a.resolve("summary.json").toFile(), Map.class);
    Map<String, Object> run = ((List<Map<String, Object>>) summary.get("runs")).get(0);
    assertThat(((Number) run.get("pods")).intValue()).isEqualTo(200);
    int scheduled = ((Number) run.get("scheduled")).intValue();
    int never = ((Number) run.get("neverScheduled")).intValue();
    assertThat(scheduled + never).isEqualTo(200);
    assertThat(never).as("some pods left before room was found").isLessThan(200);
    assertThat(((Number) run.get("latencyP99Seconds")).doubleValue())
        .as("pods that waited were placed later, after earlier pods left").isGreaterThan(10);
    assertThat(Files.exists(a.resolve("timeline.png"))).isTrue();
    assertThat(Files.readString(a.resolve("index.html"))).contains("Timed replay", "meanAllocatedGpuPct");

    Path b = dir.resolve("b");
    trace.sim(b, "--policy", "FGD", "--seed", "3", "--replay", "time");
    for (String f : List.of("summary.json", "series/FGD-3.csv", "series/FGD-3.json", "timeline.png")) {
      assertThat(Files.readAllBytes(b.resolve(f))).as(f + " is identical for the same seed")
          .isEqualTo(Files.readAllBytes(a.resolve(f)));
    }
  }

  @Test
  void theFrameworkEngineRefusesTimedReplay() {
    SyntheticTrace.Run run = trace.run(dir.resolve("refused"), "--policy", "FGD", "--replay", "time", "--engine",
        "framework");
    assertThat(run.code()).isNotZero();
    assertThat(run.err()).contains("--replay time runs on the control plane");
  }
}
