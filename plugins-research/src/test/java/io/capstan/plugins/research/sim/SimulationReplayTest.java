package io.capstan.plugins.research.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short replays through {@code capstan sim} (the real CLI, framework, default filters and the
 * research plugins) on a synthetic openb-shaped trace: 60 nodes, 300 pods inflated to 130 %.
 */
class SimulationReplayTest {

  @TempDir static Path dir;
  static SyntheticTrace trace;

  @BeforeAll
  static void trace() throws IOException {
    trace = SyntheticTrace.write(dir, 60, 300, 0);
  }

  private static String sim(Path out, String policies, String seeds) {
    return trace.sim(out, "--policy", policies, "--seeds", seeds, "--threads", "2");
  }

  private static List<Path> reportFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("timings.json"))
          .map(root::relativize).sorted().toList();
    }
  }

  @Test
  void theSameSeedGivesIdenticalReportFiles() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    sim(a, "FGD,Random", "42");
    sim(b, "FGD,Random", "42");
    List<Path> files = reportFiles(a);
    assertThat(files).contains(Path.of("summary.json"), Path.of("index.html"), Path.of("comparison.png"),
        Path.of("series/FGD-42.csv"), Path.of("series/Random-42.json"));
    assertThat(reportFiles(b)).isEqualTo(files);
    for (Path f : files) {
      assertThat(Files.readAllBytes(b.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(a.resolve(f)));
    }
    // Identical across JVM starts too: no map whose iteration order is seeded per JVM (Map.of with several
    // keys) may reach a report; the written key order is the one the code gives.
    String summary = Files.readString(a.resolve("summary.json"));
    assertThat(summary).containsSubsequence("\"nodes\"", "\"file\"", "\"sha256\"", "\"count\"", "\"pods\"",
        "\"file\"", "\"sha256\"", "\"count\"");
    assertThat(summary).containsSubsequence("name: \\\"Random\\\"\\n        weight: 100",
        "- name: \\\"Random\\\"\\n    args:");
    Path c = dir.resolve("c");
    sim(c, "FGD,Random", "43");
    assertThat(Files.readString(c.resolve("series/Random-43.csv"))).isNotEqualTo(
        Files.readString(a.resolve("series/Random-42.csv")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void packingPoliciesLeaveLessUnallocatedThanRandom() throws IOException {
    Path out = dir.resolve("rank");
    String table = sim(out, "Random,BestFit,FGD", "1..3");
    assertThat(table).contains("Random", "BestFit", "FGD");
    Map<String, Object> summary = new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(out.resolve("summary.json").toFile(), Map.class);
    Map<String, Object> agg = (Map<String, Object>) summary.get("aggregate");
    double random = at100(agg, "Random");
    double bestFit = at100(agg, "BestFit");
    double fgd = at100(agg, "FGD");
    assertThat(bestFit).isLessThan(random);
    assertThat(fgd).isLessThan(random);
    List<Map<String, Object>> runs = (List<Map<String, Object>>) summary.get("runs");
    assertThat(runs).hasSize(9);
    assertThat(((Map<String, Object>) runs.get(0).get("unallocatedGpuPct"))).containsKeys("0", "100", "130");
    assertThat(((Map<String, Object>) summary.get("inputs"))).containsKeys("nodes", "pods");
  }

  @SuppressWarnings("unchecked")
  private static double at100(Map<String, Object> agg, String policy) {
    Map<String, Object> p = (Map<String, Object>) agg.get(policy);
    return ((Number) ((Map<String, Object>) p.get("unallocatedGpuPctAt100")).get("mean")).doubleValue();
  }
}
