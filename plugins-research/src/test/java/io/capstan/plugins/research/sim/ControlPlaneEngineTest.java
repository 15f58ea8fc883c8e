package io.capstan.plugins.research.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capstan sim --engine control-plane}: the API server, the scheduler component (informers,
 * queue, binding through the API) and simulated node agents on the virtual clock place every pod
 * exactly where the framework engine does with the same seed and Kubernetes' random tie-break.
 */
class ControlPlaneEngineTest {

  @TempDir static Path dir;
  static SyntheticTrace trace;

  @BeforeAll
  static void trace() throws IOException {
    trace = SyntheticTrace.write(dir, 40, 150, 0);
  }

  @Test
  void bothEnginesPlaceEveryPodOnTheSameNode() throws IOException {
    Path framework = dir.resolve("framework");
    Path plane = dir.resolve("control-plane");
    trace.sim(framework, "--policy", "FGD,Random", "--seeds", "7", "--tie-break", "random", "--threads", "2");
    String table = trace.sim(plane, "--policy", "FGD,Random", "--seeds", "7", "--engine", "control-plane",
        "--threads", "2");
    assertThat(table).contains("FGD", "Random");
    for (String policy : List.of("FGD", "Random")) {
      String expected = Files.readString(framework.resolve("series/" + policy + "-7.csv"));
      String actual = Files.readString(plane.resolve("series/" + policy + "-7.csv"));
      List<String> rows = actual.lines().toList();
      assertThat(rows).as("one row per arriving pod, some of them failed (filled to 130 %)").hasSizeGreaterThan(150);
      assertThat(actual).as(policy + ": arrival, allocation and node of every pod").isEqualTo(expected);
    }
    assertThat(Files.readString(plane.resolve("summary.json"))).contains("\"engine\" : \"control-plane\"");
  }

  @Test
  void firstInOrderTieBreakIsRefusedOnTheControlPlane() {
    SyntheticTrace.Run run = trace.run(dir.resolve("refused"), "--policy", "FGD", "--seed", "1",
        "--engine", "control-plane", "--tie-break", "first");
    assertThat(run.code()).isNotZero();
    assertThat(run.err()).contains("--tie-break first needs --engine framework");
  }
}
