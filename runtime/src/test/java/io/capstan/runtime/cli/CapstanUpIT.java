package io.capstan.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capstan up} as a real process: it serves until SIGTERM, then stops in order and exits. */
class CapstanUpIT {

  @TempDir Path dir;

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dio.capstan.home=" + dir,
        CapstanMain.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
  }

  @Test
  void upServesUntilSigtermThenStopsGracefully() throws Exception {
    // The runtime alone carries no store plugin, so this process runs no API server; the
    // distribution's tests run `up` with every component.
    Process process = start("up", "--data", dir.resolve("data").toString(), "--nodes", "0", "--components", "scheduler");
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("capstan is up")) {
          assertThat(process.isAlive()).isTrue();
          // SIGTERM, as a service manager or Ctrl-C would; the handle keeps our end of the pipe open
          process.toHandle().destroy();
        }
      }
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM; output: %s", lines).isTrue();
    assertThat(lines).anyMatch(l -> l.startsWith("capstan is up: components") && l.contains("clock=wall"));
    int up = indexOfPrefix(lines, "capstan is up");
    int stopping = lines.indexOf("capstan: stopping");
    int stopped = lines.indexOf("capstan: stopped");
    assertThat(up).isNotNegative();
    assertThat(stopping).as("output: %s", lines).isGreaterThan(up);
    assertThat(stopped).isGreaterThan(stopping);
    // 143 = killed by SIGTERM after the shutdown hook ran: the JVM's normal answer to the signal.
    assertThat(process.exitValue()).isIn(0, 143);
  }

  @Test
  void upWithABadConfigurationExitsAtOnceWithOneLine() throws Exception {
    Process process = start("up", "--set", "store.plugin=rocksbd", "--components", "scheduler");
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(output).contains("capstan: invalid configuration: store.plugin (flag): unknown store plugin 'rocksbd'")
        .doesNotContain("\tat ");
  }

  @Test
  void upWithAnApiServerButNoStoreSaysWhatToInstall() throws Exception {
    Process process = start("up", "--components", "apiserver");
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(output).contains("the apiserver component needs a store plugin, but store.plugin = rocksdb is not installed");
  }

  private static int indexOfPrefix(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
