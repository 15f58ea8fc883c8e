package io.capstan.plugins.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.node.ContainerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Processes left by a crashed runtime are found through the record and killed by the next one. */
class ProcessOrphansTest extends ProcessRuntimeFixture {

  @Test
  void aRestartedRuntimeKillsTheProcessesOfTheCrashedOne() throws Exception {
    ProcessRuntime crashed = runtime();
    String sandbox = crashed.runPodSandbox(pod("long"));
    String id = start(crashed, sandbox, sh("sleeper", "sleep 300 & echo child $!; wait"));
    soon().untilAsserted(() -> assertThat(logs(crashed, id)).anyMatch(l -> l.startsWith("child ")));
    long child = Long.parseLong(logs(crashed, id).get(0).substring("child ".length()));
    List<ProcessRecords.Entry> recorded = ProcessRecordsReader.read(crashed.slot());
    assertThat(recorded).singleElement().satisfies(e -> assertThat(e.containerId()).isEqualTo(id));
    long pid = recorded.get(0).pid();
    crashed.abandon(); // as if the JVM died: nothing stopped

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
    ProcessRuntime restarted = runtime();
    assertThat(restarted.slot()).isEqualTo(crashed.slot());
    soon().untilAsserted(() -> {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the container's process").isEmpty();
      assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).as("its child").isEmpty();
    });
    assertThat(ProcessRecordsReader.read(restarted.slot())).isEmpty();
    assertThat(restarted.listContainers(io.capstan.spi.node.ContainerFilter.ALL)).isEmpty();
  }

  @Test
  void twoLiveRuntimesOverOneDirectoryTakeSeparateSlotsAndLeaveEachOthersProcessesAlone() throws Exception {
    ProcessRuntime first = runtime();
    String sandbox = first.runPodSandbox(pod("a"));
    String id = start(first, sandbox, sh("c", "exec sleep 300"));
    soon().untilAsserted(() -> assertThat(ProcessRecordsReader.read(first.slot())).hasSize(1));
    ProcessRuntime second = runtime();
    assertThat(second.slot()).isNotEqualTo(first.slot());
    assertThat(first.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerState.RUNNING);
    first.close();
    ProcessRuntime third = runtime();
    assertThat(third.slot()).as("a slot released by a clean close is reused").isEqualTo(first.slot());
  }

  @Test
  void aRecordedPidNowUsedByAnotherProcessIsNotKilled() throws Exception {
    Process unrelated = new ProcessBuilder("sleep", "300").start();
    try {
      Path slot = Files.createDirectories(dir.resolve("runtimes").resolve("0"));
      long wrongStart = ProcessRecords.startMillis(unrelated.toHandle()) - 60_000;
      Files.writeString(slot.resolve("processes"), unrelated.pid() + " " + wrongStart + " s1 c1\nnot a record\n");
      ProcessRuntime runtime = runtime();
      assertThat(runtime.slot()).isEqualTo(slot);
      assertThat(unrelated.isAlive()).as("a pid reused by another process survives").isTrue();
      assertThat(ProcessRecordsReader.read(slot)).isEmpty();
    } finally {
      unrelated.destroyForcibly();
    }
  }

  @Test
  void closingTheRuntimeStopsItsProcesses() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("bye"));
    String id = start(runtime, sandbox, sh("c", "exec sleep 300"));
    soon().untilAsserted(() -> assertThat(ProcessRecordsReader.read(runtime.slot())).hasSize(1));
    long pid = ProcessRecordsReader.read(runtime.slot()).get(0).pid();
    runtime.close();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(ProcessRecordsReader.read(runtime.slot())).isEmpty();
    assertThat(id).isNotBlank();
  }

  /** Reads a slot's record the way the next runtime would, without claiming the slot. */
  static final class ProcessRecordsReader {
    static List<ProcessRecords.Entry> read(Path slot) throws Exception {
      Path file = slot.resolve("processes");
      if (!Files.exists(file)) {
        return List.of();
      }
      return Files.readAllLines(file).stream().map(l -> l.split(" ")).filter(p -> p.length == 4)
          .map(p -> new ProcessRecords.Entry(Long.parseLong(p[0]), Long.parseLong(p[1]), p[2], p[3])).toList();
    }
  }
}
