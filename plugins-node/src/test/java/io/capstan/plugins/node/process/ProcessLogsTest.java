package io.capstan.plugins.node.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.node.ContainerRuntimeException;
import io.capstan.spi.node.LogLine;
import io.capstan.spi.node.LogOptions;
import io.capstan.spi.node.LogSubscription;
import io.capstan.tck.node.CollectingLogSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Container logs on disk in the CRI format: rotation, previous instances, follow, tail and since. */
class ProcessLogsTest extends ProcessRuntimeFixture {

  @Test
  void linesAreWrittenInTheCriFormatUnderThePodDirectory() throws Exception {
    ProcessRuntime runtime = runtime();
    var pod = pod("fmt");
    String sandbox = runtime.runPodSandbox(pod);
    String id = start(runtime, sandbox, sh("app", "echo out; echo err >&2; printf 'no newline'"));
    awaitExit(runtime, id);
    Path file = dir.resolve("pods").resolve("default_fmt_" + pod.podUid()).resolve("app").resolve("0.log");
    List<String> records = Files.readAllLines(file);
    assertThat(records).hasSize(3).allMatch(r -> r.matches(
        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z (stdout|stderr) F .*"));
    assertThat(records).anyMatch(r -> r.endsWith(" stdout F out")).anyMatch(r -> r.endsWith(" stderr F err"))
        .anyMatch(r -> r.endsWith(" stdout F no newline"));
    CollectingLogSink sink = new CollectingLogSink();
    runtime.readLogs(id, LogOptions.ALL, sink);
    assertThat(sink.lines()).filteredOn(l -> l.text().equals("err")).singleElement()
        .extracting(LogLine::stream).isEqualTo(LogLine.Stream.STDERR);
  }

  @Test
  void logsRotateBySizeKeepingMaxFilesAndReadBackInOrder() throws Exception {
    ProcessRuntime runtime = runtime("1Ki", 3);
    var pod = pod("chatty");
    String sandbox = runtime.runPodSandbox(pod);
    String id = start(runtime, sandbox, sh("app", "i=1; while [ $i -le 300 ]; do echo line-$i; i=$((i+1)); done"));
    awaitExit(runtime, id);
    Path dirOfApp = dir.resolve("pods").resolve("default_chatty_" + pod.podUid()).resolve("app");
    try (var files = Files.list(dirOfApp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("0.log", "0.log.1", "0.log.2");
    }
    for (String name : List.of("0.log", "0.log.1", "0.log.2")) {
      assertThat(Files.size(dirOfApp.resolve(name))).isLessThanOrEqualTo(1024);
    }
    List<String> kept = logs(runtime, id);
    assertThat(kept).isNotEmpty().last().isEqualTo("line-300");
    int first = Integer.parseInt(kept.get(0).substring("line-".length()));
    assertThat(first).as("older lines were rotated away").isGreaterThan(1);
    assertThat(kept).containsExactlyElementsOf(IntStream.rangeClosed(first, 300).mapToObj(i -> "line-" + i).toList());
    assertThat(logs(runtime, id, new LogOptions(OptionalInt.of(2), Optional.empty(), false, false)))
        .containsExactly("line-299", "line-300");
  }

  @Test
  void previousReadsTheLastEarlierAttemptEvenAfterItsContainerWasRemoved() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("crashy"));
    String first = start(runtime, sandbox, sh("app", 0, "echo attempt zero; exit 1"));
    awaitExit(runtime, first);
    runtime.removeContainer(first);
    String second = start(runtime, sandbox, sh("app", 1, "echo attempt one; exit 1"));
    awaitExit(runtime, second);
    String third = start(runtime, sandbox, sh("app", 2, "echo attempt two"));
    awaitExit(runtime, third);
    LogOptions previous = new LogOptions(OptionalInt.empty(), Optional.empty(), false, true);
    assertThat(logs(runtime, third, previous)).containsExactly("attempt one");
    assertThat(logs(runtime, second, previous)).containsExactly("attempt zero");
    assertThat(logs(runtime, third)).containsExactly("attempt two");
    String other = start(runtime, sandbox, sh("sidecar", 0, "true"));
    assertThatThrownBy(() -> logs(runtime, other, previous)).isInstanceOf(ContainerRuntimeException.class)
        .hasMessageContaining("previous terminated container not found");
  }

  @Test
  void followDeliversLinesAsTheyArePrintedFromTheTailOn() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("tailing"));
    String id = start(runtime, sandbox, sh("app", "echo a; echo b; "
        + "trap 'echo bye; exit 0' TERM; sleep 300 & echo c; wait"));
    soon().untilAsserted(() -> assertThat(logs(runtime, id)).contains("c"));
    CollectingLogSink sink = new CollectingLogSink();
    LogSubscription follow = runtime.readLogs(id, new LogOptions(OptionalInt.of(1), Optional.empty(), true, false), sink);
    soon().untilAsserted(() -> assertThat(sink.texts()).containsExactly("c"));
    runtime.stopContainer(id, java.time.Duration.ofSeconds(30));
    soon().untilAsserted(() -> {
      assertThat(sink.texts()).containsExactly("c", "bye");
      assertThat(sink.ended()).isTrue();
    });
    follow.close();
    assertThat(sink.ends()).isEqualTo(1);
  }

  @Test
  void sinceSkipsEarlierLines() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("since"));
    String id = start(runtime, sandbox, sh("app", "echo early; sleep 300; echo late"));
    soon().untilAsserted(() -> assertThat(logs(runtime, id)).containsExactly("early"));
    CollectingLogSink all = new CollectingLogSink();
    runtime.readLogs(id, LogOptions.ALL, all);
    java.time.Instant after = all.lines().get(0).time().plusNanos(1);
    runtime.stopContainer(id, java.time.Duration.ZERO);
    awaitExit(runtime, id);
    assertThat(logs(runtime, id, new LogOptions(OptionalInt.empty(), Optional.of(after), false, false))).isEmpty();
    assertThat(logs(runtime, id, new LogOptions(OptionalInt.empty(), Optional.of(after.minusNanos(1)), false, false)))
        .containsExactly("early");
  }
}
