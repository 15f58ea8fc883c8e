package io.capstan.examples.research.mostfreegpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.runtime.cli.CapstanMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's story on a small openb-shaped trace: {@code capstan sim} finds MostFreeGpu by name
 * (ServiceLoader, as from {@code plugins/}), runs it in the paper's procedure next to FGD from an
 * experiment file, and FGD leaves less GPU unallocated; the same plugin also runs inside the real
 * scheduler component ({@code --engine control-plane}).
 */
class MostFreeGpuPluginTest {

  @TempDir static Path dir;

  @BeforeAll
  static void trace() throws IOException {
    Random r = new Random(5);
    StringBuilder n = new StringBuilder("sn,cpu_milli,memory_mib,gpu,model\n");
    for (int i = 0; i < 40; i++) {
      int gpus = i % 4 == 0 ? 2 : 8;
      n.append(String.format("node-%03d,%d,%d,%d,%s%n", i, gpus == 8 ? 96000 : 64000, 262144, gpus, gpus == 8 ? "G2" : "T4"));
    }
    StringBuilder p = new StringBuilder("name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,creation_time,deletion_time\n");
    int[] shares = {250, 500, 300, 100, 700};
    for (int i = 0; i < 200; i++) {
      double x = r.nextDouble();
      int num = x < 0.1 ? 0 : x < 0.97 ? 1 : 2;
      int milli = num == 0 ? 0 : x < 0.6 ? shares[r.nextInt(shares.length)] : 1000;
      p.append(String.format("pod-%03d,%d,4096,%d,%d,,%d,%n", i, num == 0 ? 8000 : 4000, num, milli, i));
    }
    Files.writeString(dir.resolve("nodes.csv"), n);
    Files.writeString(dir.resolve("pods.csv"), p);
  }

  private static String sim(String... args) {
    List<String> all = new ArrayList<>(List.of("sim", "--no-progress"));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CapstanMain.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    return out.toString();
  }

  @Test
  @SuppressWarnings("unchecked")
  void fgdLeavesLessGpuUnallocatedThanMostFreeGpu() throws IOException {
    Path experiment = Files.writeString(dir.resolve("experiment.yaml"), """
        nodes: nodes.csv
        pods: pods.csv
        policies: [MostFreeGpu, FGD]
        seeds: "1..3"
        tune: 1.3
        out: report
        threads: 2
        """);
    String table = sim("--experiment", experiment.toString());
    assertThat(table).contains("MostFreeGpu", "FGD");
    Map<String, Object> summary = new ObjectMapper().readValue(dir.resolve("report/summary.json").toFile(), Map.class);
    Map<String, Object> agg = (Map<String, Object>) summary.get("aggregate");
    assertThat(at100(agg, "FGD")).isLessThan(at100(agg, "MostFreeGpu"));
    assertThat(dir.resolve("report/index.html")).exists();
    assertThat(dir.resolve("report/series/MostFreeGpu-3.csv")).exists();
  }

  @Test
  void theSamePluginRunsInsideTheRealScheduler() throws IOException {
    Path out = dir.resolve("control-plane");
    sim("--nodes", dir.resolve("nodes.csv").toString(), "--pods", dir.resolve("pods.csv").toString(),
        "--policy", "MostFreeGpu", "--seed", "1", "--engine", "control-plane", "--out", out.toString());
    List<String> rows = Files.readAllLines(out.resolve("series/MostFreeGpu-1.csv"));
    assertThat(rows.get(0)).endsWith(",failed,node");
    long placed = rows.stream().skip(1).map(r -> r.split(",", -1)).filter(c -> c[6].equals("false") && !c[7].isEmpty())
        .count();
    assertThat(placed).as("pods bound by the scheduler component").isGreaterThan(100);
  }

  @SuppressWarnings("unchecked")
  private static double at100(Map<String, Object> agg, String policy) {
    Map<String, Object> p = (Map<String, Object>) agg.get(policy);
    return ((Number) ((Map<String, Object>) p.get("unallocatedGpuPctAt100")).get("mean")).doubleValue();
  }
}
