package io.capstan.plugins.node.process;

import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerRuntime;
import io.capstan.tck.node.AbstractContainerRuntimeConformanceTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/** The process runtime, with real shell processes on the wall clock, passes the runtime conformance suite. */
class ProcessConformanceTest extends AbstractContainerRuntimeConformanceTest {

  private static final PooledTaskExecutor EXECUTOR = new PooledTaskExecutor(2, Duration.ofSeconds(1));

  @TempDir
  Path dir;

  @AfterAll
  static void closeExecutor() throws InterruptedException {
    EXECUTOR.close();
  }

  @Override
  protected ContainerRuntime createRuntime() {
    return new ProcessRuntime(new ProcessRuntimeConfig(dir.toString(), null, null, null,
        Duration.ofMillis(20), null), new WallClock(), EXECUTOR);
  }

  @Override
  protected ContainerConfig printsAndExits(String name, int attempt, List<String> lines, int exitCode,
      Duration after) {
    return shell(name, attempt, "printf '%s\\n' \"$@\"; sleep " + seconds(after) + "; exit " + exitCode, lines);
  }

  @Override
  protected ContainerConfig runsUntilStopped(String name, int attempt, List<String> lines) {
    return shell(name, attempt, "printf '%s\\n' \"$@\"; exec sleep 300", lines);
  }

  @Override
  protected ContainerConfig ignoresSigterm(String name) {
    return shell(name, 0, "trap '' TERM; while true; do sleep 1; done", List.of());
  }

  @Override
  protected void eventually(Duration within, Runnable assertion) {
    await().atMost(within).pollDelay(Duration.ofMillis(50)).pollInterval(Duration.ofMillis(20))
        .untilAsserted(assertion::run);
  }

  static ContainerConfig shell(String name, int attempt, String script, List<String> params) {
    List<String> args = new ArrayList<>(List.of("-c", script, "sh"));
    args.addAll(params);
    return new ContainerConfig(name, attempt, "shell", List.of("/bin/sh"), args, Map.of(), "",
        labelsFor(name), Map.of());
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
  }
}
