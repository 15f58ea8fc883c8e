package io.capstan.plugins.node.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerState;
import io.capstan.spi.node.ContainerStatus;
import io.capstan.spi.node.LogOptions;
import io.capstan.spi.node.PodSandboxConfig;
import io.capstan.tck.node.CollectingLogSink;
import io.capstan.tck.node.RecordingRuntimeEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Shared set-up of the process runtime's behaviour tests: runtimes over a temporary data dir. */
abstract class ProcessRuntimeFixture {

  final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));

  @TempDir
  Path dir;

  final RecordingRuntimeEvents events = new RecordingRuntimeEvents();
  private final List<ProcessRuntime> opened = new ArrayList<>();

  @AfterEach
  void closeRuntimes() throws Exception {
    for (ProcessRuntime runtime : opened) {
      runtime.close();
    }
    executor.close();
  }

  /** A started runtime over {@link #dir} with these settings (null for defaults). */
  ProcessRuntime runtime(String maxLogBytes, Integer maxLogFiles) throws Exception {
    ProcessRuntime runtime = new ProcessRuntime(new ProcessRuntimeConfig(dir.toString(), null,
        maxLogBytes, maxLogFiles, Duration.ofMillis(20), Duration.ofMillis(500)), new WallClock(), executor);
    runtime.setListener(events);
    runtime.start();
    opened.add(runtime);
    return runtime;
  }

  ProcessRuntime runtime() throws Exception {
    return runtime(null, null);
  }

  static PodSandboxConfig pod(String name) {
    return new PodSandboxConfig(UUID.randomUUID().toString(), "default", name, 0, name, Map.of(), Map.of());
  }

  static ContainerConfig sh(String name, String script) {
    return sh(name, 0, script);
  }

  static ContainerConfig sh(String name, int attempt, String script) {
    return new ContainerConfig(name, attempt, "shell", List.of("/bin/sh", "-c"), List.of(script), Map.of(), "",
        Map.of(), Map.of());
  }

  static ConditionFactory soon() {
    return await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(20))
        .pollInterval(Duration.ofMillis(20));
  }

  /** Creates and starts the container, returning its id. */
  static String start(ProcessRuntime runtime, String sandbox, ContainerConfig config) {
    String id = runtime.createContainer(sandbox, config);
    runtime.startContainer(id);
    return id;
  }

  static ContainerStatus awaitExit(ProcessRuntime runtime, String id) {
    soon().untilAsserted(() -> assertThat(runtime.containerStatus(id).orElseThrow().state())
        .isEqualTo(ContainerState.EXITED));
    return runtime.containerStatus(id).orElseThrow();
  }

  static List<String> logs(ProcessRuntime runtime, String id, LogOptions options) {
    CollectingLogSink sink = new CollectingLogSink();
    runtime.readLogs(id, options, sink);
    assertThat(sink.ends()).isEqualTo(1);
    return sink.texts();
  }

  static List<String> logs(ProcessRuntime runtime, String id) {
    return logs(runtime, id, LogOptions.ALL);
  }
}
