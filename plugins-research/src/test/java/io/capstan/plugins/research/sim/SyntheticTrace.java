package io.capstan.plugins.research.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.cli.CapstanMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** An openb-shaped synthetic trace (nodes of 2 T4 or 8 G2 GPUs; sharing, whole-GPU and CPU pods) and a CLI runner. */
final class SyntheticTrace {

  final Path nodes;
  final Path pods;

  private SyntheticTrace(Path nodes, Path pods) {
    this.nodes = nodes;
    this.pods = pods;
  }

  /** {@code nodeCount} nodes, {@code podCount} pods; pod i arrives at second 10·i and stays {@code life(i)} seconds. */
  static SyntheticTrace write(Path dir, int nodeCount, int podCount, long lifeSeconds) throws IOException {
    Random r = new Random(1);
    StringBuilder n = new StringBuilder("sn,cpu_milli,memory_mib,gpu,model\n");
    for (int i = 0; i < nodeCount; i++) {
      int gpus = i % 3 == 0 ? 2 : 8;
      n.append("openb-node-").append(String.format("%04d", i)).append(',').append(gpus == 8 ? 96000 : 64000)
          .append(',').append(gpus == 8 ? 786432 : 262144).append(',').append(gpus).append(',')
          .append(gpus == 8 ? "G2" : "T4").append('\n');
    }
    StringBuilder p = new StringBuilder("name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,"
        + "creation_time,deletion_time,scheduled_time\n");
    int[] shares = {810, 470, 250, 500, 100};
    for (int i = 0; i < podCount; i++) {
      double x = r.nextDouble();
      int num = x < 0.13 ? 0 : x < 0.5 ? 1 : x < 0.97 ? 1 : x < 0.99 ? 2 : 4;
      int milli = num == 0 ? 0 : x < 0.5 ? shares[r.nextInt(shares.length)] : 1000;
      long cpu = num == 0 ? 12000 : 2000 + r.nextInt(10) * 1000L;
      long created = 10L * i;
      String deleted = lifeSeconds > 0 ? Long.toString(created + lifeSeconds + r.nextInt(100)) : "";
      p.append("openb-pod-").append(String.format("%04d", i)).append(',').append(cpu).append(",16384,").append(num)
          .append(',').append(milli).append(",,LS,Running,").append(created).append(',').append(deleted).append(",\n");
    }
    return new SyntheticTrace(Files.writeString(dir.resolve("nodes.csv"), n), Files.writeString(dir.resolve("pods.csv"), p));
  }

  /** What one CLI call printed. */
  record Run(int code, String out, String err) {}

  /** Runs {@code capstan sim} on this trace with the extra arguments; fails unless it exits 0; returns stdout. */
  String sim(Path out, String... args) {
    Run run = run(out, args);
    assertThat(run.code()).as("exit code; stderr: %s", run.err()).isZero();
    return run.out();
  }

  Run run(Path out, String... args) {
    List<String> all = new ArrayList<>(List.of("sim", "--nodes", nodes.toString(), "--pods", pods.toString(),
        "--no-progress", "--out", out.toString()));
    all.addAll(List.of(args));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = CapstanMain.run(all.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
    return new Run(code, o.toString(), e.toString());
  }
}
