package io.capstan.tck.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerFilter;
import io.capstan.spi.node.ContainerRuntime;
import io.capstan.spi.node.ContainerRuntimeException;
import io.capstan.spi.node.ContainerState;
import io.capstan.spi.node.ContainerStatus;
import io.capstan.spi.node.LogOptions;
import io.capstan.spi.node.PodSandboxConfig;
import io.capstan.spi.node.PodSandboxState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every {@link ContainerRuntime} passes: sandbox and container lifecycles
 * as the CRI defines them, idempotent stop and remove, exit codes, pushed events, logs (tail,
 * since, previous, follow) and list filters. A capability the runtime does not declare is checked
 * to fail cleanly with {@link UnsupportedOperationException}.
 *
 * <p>A subclass says how to express the containers the tests need in its runtime (for the
 * {@code simulated} runtime, annotations; for {@code process}, a shell command) and how time
 * passes (advancing a virtual clock, or waiting on the wall clock). Every config it builds carries
 * {@link #labelsFor(String)}.
 */
public abstract class AbstractContainerRuntimeConformanceTest {

  protected ContainerRuntime runtime;
  protected final RecordingRuntimeEvents events = new RecordingRuntimeEvents();

  /** The labels every container config of a subclass carries, so the list-filter test can find it. */
  protected static Map<String, String> labelsFor(String containerName) {
    return Map.of("capstan.io/container", containerName);
  }

  /** A new, not yet started runtime. */
  protected abstract ContainerRuntime createRuntime() throws Exception;

  /**
   * A container that prints {@code lines} to stdout when it starts, then exits with
   * {@code exitCode} after {@code after}.
   */
  protected abstract ContainerConfig printsAndExits(String name, int attempt, List<String> lines, int exitCode,
      Duration after);

  /** A container that prints {@code lines} when it starts and runs until stopped, exiting on SIGTERM. */
  protected abstract ContainerConfig runsUntilStopped(String name, int attempt, List<String> lines);

  /** A container that ignores SIGTERM, so only the kill at the stop timeout ends it. */
  protected abstract ContainerConfig ignoresSigterm(String name);

  /**
   * Lets time pass until the assertion holds, failing after {@code within} (of the runtime's clock;
   * a virtual-clock subclass advances it in small steps).
   */
  protected abstract void eventually(Duration within, Runnable assertion);

  /** How long a short container in these tests takes; real processes need more than simulated ones. */
  protected Duration shortRun() {
    return Duration.ofSeconds(1);
  }

  @BeforeEach
  void startRuntime() throws Exception {
    runtime = createRuntime();
    runtime.setListener(events);
    runtime.start();
  }

  @AfterEach
  void closeRuntime() throws Exception {
    if (runtime != null) {
      runtime.close();
      runtime.close();
    }
  }

  protected static PodSandboxConfig sandbox(String podName) {
    return new PodSandboxConfig(UUID.randomUUID().toString(), "default", podName, 0, podName,
        Map.of("app", podName), Map.of());
  }

  private String running(String sandboxId, ContainerConfig config) {
    String id = runtime.createContainer(sandboxId, config);
    runtime.startContainer(id);
    eventually(Duration.ofSeconds(10), () -> assertThat(state(id)).isEqualTo(ContainerState.RUNNING));
    return id;
  }

  private ContainerState state(String id) {
    return runtime.containerStatus(id).map(ContainerStatus::state).orElse(ContainerState.UNKNOWN);
  }

  @Test
  void reportsItsVersionAndCapabilities() {
    assertThat(runtime.version().name()).isNotBlank();
    assertThat(runtime.version().toString()).contains("://");
    assertThat(runtime.capabilities()).isNotNull();
  }

  @Test
  void aSandboxIsReadyWhenRunReturnsAndListed() {
    String id = runtime.runPodSandbox(sandbox("p1"));
    assertThat(runtime.podSandboxStatus(id)).hasValueSatisfying(s -> {
      assertThat(s.state()).isEqualTo(PodSandboxState.READY);
      assertThat(s.config().name()).isEqualTo("p1");
    });
    assertThat(runtime.listPodSandboxes()).extracting(s -> s.id()).contains(id);
    eventually(Duration.ofSeconds(5), () -> assertThat(events.has("sandbox", id)).isTrue());
  }

  @Test
  void stoppingAndRemovingASandboxAreIdempotent() {
    String id = runtime.runPodSandbox(sandbox("p2"));
    runtime.stopPodSandbox(id);
    runtime.stopPodSandbox(id);
    assertThat(runtime.podSandboxStatus(id)).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(PodSandboxState.NOTREADY));
    runtime.removePodSandbox(id);
    runtime.removePodSandbox(id);
    assertThat(runtime.podSandboxStatus(id)).isEmpty();
    assertThat(runtime.listPodSandboxes()).extracting(s -> s.id()).doesNotContain(id);
    runtime.stopPodSandbox("no-such-sandbox");
    runtime.removePodSandbox("no-such-sandbox");
    eventually(Duration.ofSeconds(5), () -> assertThat(events.has("sandbox-removed", id)).isTrue());
  }

  @Test
  void containersNeedAReadySandbox() {
    assertThatThrownBy(() -> runtime.createContainer("no-such-sandbox", runsUntilStopped("c", 0, List.of())))
        .isInstanceOf(ContainerRuntimeException.class).hasMessageContaining("no-such-sandbox");
    String id = runtime.runPodSandbox(sandbox("p3"));
    runtime.stopPodSandbox(id);
    assertThatThrownBy(() -> runtime.createContainer(id, runsUntilStopped("c", 0, List.of())))
        .isInstanceOf(ContainerRuntimeException.class).hasMessageContaining(id);
  }

  @Test
  void aContainerIsCreatedThenRunsThenExitsWithItsCode() {
    String sandbox = runtime.runPodSandbox(sandbox("p4"));
    String id = runtime.createContainer(sandbox, printsAndExits("job", 0, List.of("hello"), 3, shortRun()));
    assertThat(runtime.containerStatus(id)).hasValueSatisfying(s -> {
      assertThat(s.state()).isEqualTo(ContainerState.CREATED);
      assertThat(s.name()).isEqualTo("job");
      assertThat(s.sandboxId()).isEqualTo(sandbox);
    });
    runtime.startContainer(id);
    eventually(shortRun().multipliedBy(10), () -> assertThat(state(id)).isEqualTo(ContainerState.EXITED));
    ContainerStatus done = runtime.containerStatus(id).orElseThrow();
    assertThat(done.exitCode()).isEqualTo(3);
    assertThat(done.succeeded()).isFalse();
    assertThat(done.reason()).isEqualTo("Error");
    assertThat(done.startedAt()).isPresent();
    assertThat(done.finishedAt()).isPresent();
    assertThat(Duration.between(done.startedAt().get(), done.finishedAt().get())).isGreaterThanOrEqualTo(shortRun().dividedBy(2));
    eventually(Duration.ofSeconds(5), () -> assertThat(events.statesOf(id))
        .containsExactly(ContainerState.CREATED, ContainerState.RUNNING, ContainerState.EXITED));
  }

  @Test
  void exitCodeZeroIsCompleted() {
    String sandbox = runtime.runPodSandbox(sandbox("p5"));
    String id = runtime.createContainer(sandbox, printsAndExits("ok", 0, List.of("done"), 0, shortRun()));
    runtime.startContainer(id);
    eventually(shortRun().multipliedBy(10), () -> assertThat(state(id)).isEqualTo(ContainerState.EXITED));
    ContainerStatus done = runtime.containerStatus(id).orElseThrow();
    assertThat(done.succeeded()).isTrue();
    assertThat(done.reason()).isEqualTo("Completed");
  }

  @Test
  void startingAnUnknownOrExitedContainerFails() {
    assertThatThrownBy(() -> runtime.startContainer("no-such-container"))
        .isInstanceOf(ContainerRuntimeException.class).hasMessageContaining("no-such-container");
    String sandbox = runtime.runPodSandbox(sandbox("p6"));
    String id = running(sandbox, runsUntilStopped("web", 0, List.of()));
    runtime.stopContainer(id, Duration.ZERO);
    eventually(Duration.ofSeconds(5), () -> assertThat(state(id)).isEqualTo(ContainerState.EXITED));
    assertThatThrownBy(() -> runtime.startContainer(id)).isInstanceOf(ContainerRuntimeException.class);
  }

  @Test
  void stopSendsSigtermAndIsIdempotent() {
    String sandbox = runtime.runPodSandbox(sandbox("p7"));
    String id = running(sandbox, runsUntilStopped("web", 0, List.of()));
    runtime.stopContainer(id, Duration.ofSeconds(30));
    eventually(Duration.ofSeconds(10), () -> assertThat(state(id)).isEqualTo(ContainerState.EXITED));
    runtime.stopContainer(id, Duration.ofSeconds(30));
    runtime.stopContainer("no-such-container", Duration.ZERO);
    assertThat(state(id)).isEqualTo(ContainerState.EXITED);
  }

  @Test
  void aContainerIgnoringSigtermIsKilledAtTheTimeout() {
    String sandbox = runtime.runPodSandbox(sandbox("p8"));
    String id = running(sandbox, ignoresSigterm("stubborn"));
    runtime.stopContainer(id, shortRun());
    eventually(shortRun().multipliedBy(10), () -> assertThat(state(id)).isEqualTo(ContainerState.EXITED));
    ContainerStatus killed = runtime.containerStatus(id).orElseThrow();
    assertThat(killed.exitCode()).as("128 + SIGKILL").isEqualTo(137);
    assertThat(Duration.between(killed.startedAt().orElseThrow(), killed.finishedAt().orElseThrow()))
        .isGreaterThanOrEqualTo(shortRun().dividedBy(2));
  }

  @Test
  void statsAreTheContainersOwnAndNeverNegativeAndAnUnknownContainerHasNone() {
    assertThat(runtime.containerStats("no-such-container")).isEmpty();
    String sandbox = runtime.runPodSandbox(sandbox("p13"));
    String id = running(sandbox, runsUntilStopped("web", 0, List.of()));
    runtime.containerStats(id).ifPresent(stats -> {
      assertThat(stats.containerId()).isEqualTo(id);
      assertThat(stats.cpuUsageCoreNanoSeconds()).isNotNegative();
      assertThat(stats.memoryWorkingSetBytes()).isNotNegative();
    });
    runtime.stopContainer(id, Duration.ZERO);
    eventually(Duration.ofSeconds(10), () -> assertThat(state(id)).isEqualTo(ContainerState.EXITED));
    runtime.containerStats(id).ifPresent(stats ->
        assertThat(stats.memoryWorkingSetBytes()).as("an exited container holds no memory").isZero());
  }

  @Test
  void removingAContainerForgetsItAndIsIdempotent() {
    String sandbox = runtime.runPodSandbox(sandbox("p9"));
    String id = running(sandbox, runsUntilStopped("web", 0, List.of()));
    runtime.removeContainer(id);
    runtime.removeContainer(id);
    assertThat(runtime.containerStatus(id)).isEmpty();
    assertThat(runtime.listContainers(ContainerFilter.ALL)).extracting(ContainerStatus::id).doesNotContain(id);
    eventually(Duration.ofSeconds(5), () -> assertThat(events.has("container-removed", id)).isTrue());
  }

  @Test
  void stoppingTheSandboxStopsItsContainersAndRemovingItRemovesThem() {
    String sandbox = runtime.runPodSandbox(sandbox("p10"));
    String a = running(sandbox, runsUntilStopped("a", 0, List.of()));
    String b = running(sandbox, runsUntilStopped("b", 0, List.of()));
    runtime.stopPodSandbox(sandbox);
    eventually(Duration.ofSeconds(10), () -> {
      assertThat(state(a)).isEqualTo(ContainerState.EXITED);
      assertThat(state(b)).isEqualTo(ContainerState.EXITED);
    });
    runtime.removePodSandbox(sandbox);
    assertThat(runtime.containerStatus(a)).isEmpty();
    assertThat(runtime.containerStatus(b)).isEmpty();
  }

  @Test
  void listFiltersBySandboxStateLabelsAndId() {
    String s1 = runtime.runPodSandbox(sandbox("p11"));
    String s2 = runtime.runPodSandbox(sandbox("p12"));
    String a = running(s1, runsUntilStopped("a", 0, List.of()));
    String b = runtime.createContainer(s2, runsUntilStopped("b", 0, List.of()));
    assertThat(runtime.listContainers(ContainerFilter.inSandbox(s1))).extracting(ContainerStatus::id).containsExactly(a);
    assertThat(runtime.listContainers(new ContainerFilter(Optional.empty(), Optional.empty(),
        Optional.of(ContainerState.CREATED), Map.of()))).extracting(ContainerStatus::id).contains(b).doesNotContain(a);
    assertThat(runtime.listContainers(new ContainerFilter(Optional.of(b), Optional.empty(), Optional.empty(), Map.of())))
        .extracting(ContainerStatus::id).containsExactly(b);
    assertThat(runtime.listContainers(new ContainerFilter(Optional.empty(), Optional.empty(), Optional.empty(),
        Map.of("capstan.io/container", "b")))).extracting(ContainerStatus::id).containsExactly(b);
    assertThat(runtime.listContainers(ContainerFilter.ALL)).extracting(ContainerStatus::id).contains(a, b);
  }

  @Test
  void logsHoldWhatTheContainerPrinted() {
    if (!runtime.capabilities().logs()) {
      String sandbox = runtime.runPodSandbox(sandbox("p13"));
      String id = runtime.createContainer(sandbox, printsAndExits("c", 0, List.of("x"), 0, shortRun()));
      assertThatThrownBy(() -> runtime.readLogs(id, LogOptions.ALL, new CollectingLogSink()))
          .isInstanceOf(UnsupportedOperationException.class);
      return;
    }
    String sandbox = runtime.runPodSandbox(sandbox("p13"));
    String id = runtime.createContainer(sandbox, printsAndExits("c", 0, List.of("one", "two", "three"), 0, shortRun()));
    runtime.startContainer(id);
    eventually(shortRun().multipliedBy(10), () -> assertThat(state(id)).isEqualTo(ContainerState.EXITED));
    CollectingLogSink all = new CollectingLogSink();
    runtime.readLogs(id, LogOptions.ALL, all);
    assertThat(all.texts()).containsExactly("one", "two", "three");
    assertThat(all.ends()).isEqualTo(1);
    CollectingLogSink tail = new CollectingLogSink();
    runtime.readLogs(id, new LogOptions(OptionalInt.of(1), Optional.empty(), false, false), tail);
    assertThat(tail.texts()).containsExactly("three");
    CollectingLogSink since = new CollectingLogSink();
    ContainerStatus done = runtime.containerStatus(id).orElseThrow();
    runtime.readLogs(id, new LogOptions(OptionalInt.empty(), Optional.of(done.finishedAt().get().plusSeconds(1)), false, false), since);
    assertThat(since.texts()).isEmpty();
    assertThatThrownBy(() -> runtime.readLogs("no-such-container", LogOptions.ALL, new CollectingLogSink()))
        .isInstanceOf(ContainerRuntimeException.class);
  }

  @Test
  void previousReadsTheEarlierInstanceOfTheSameContainer() {
    if (!runtime.capabilities().logs()) {
      return;
    }
    String sandbox = runtime.runPodSandbox(sandbox("p14"));
    String first = runtime.createContainer(sandbox, printsAndExits("c", 0, List.of("first run"), 1, shortRun()));
    runtime.startContainer(first);
    eventually(shortRun().multipliedBy(10), () -> assertThat(state(first)).isEqualTo(ContainerState.EXITED));
    LogOptions previous = new LogOptions(OptionalInt.empty(), Optional.empty(), false, true);
    assertThatThrownBy(() -> runtime.readLogs(first, previous, new CollectingLogSink()))
        .isInstanceOf(ContainerRuntimeException.class).hasMessageContaining("previous");
    String second = running(sandbox, runsUntilStopped("c", 1, List.of("second run")));
    CollectingLogSink sink = new CollectingLogSink();
    runtime.readLogs(second, previous, sink);
    assertThat(sink.texts()).containsExactly("first run");
    CollectingLogSink current = new CollectingLogSink();
    runtime.readLogs(second, LogOptions.ALL, current);
    assertThat(current.texts()).containsExactly("second run");
  }

  @Test
  void followDeliversNewLinesUntilTheContainerExits() {
    LogOptions follow = new LogOptions(OptionalInt.empty(), Optional.empty(), true, false);
    String sandbox = runtime.runPodSandbox(sandbox("p15"));
    if (!runtime.capabilities().followLogs()) {
      String id = runtime.createContainer(sandbox, printsAndExits("c", 0, List.of("x"), 0, shortRun()));
      assertThatThrownBy(() -> runtime.readLogs(id, follow, new CollectingLogSink()))
          .isInstanceOf(UnsupportedOperationException.class);
      return;
    }
    String id = runtime.createContainer(sandbox, printsAndExits("c", 0, List.of("streamed"), 0, shortRun()));
    CollectingLogSink sink = new CollectingLogSink();
    runtime.readLogs(id, follow, sink);
    runtime.startContainer(id);
    eventually(shortRun().multipliedBy(10), () -> {
      assertThat(sink.texts()).contains("streamed");
      assertThat(sink.ended()).isTrue();
    });
    assertThat(sink.ends()).isEqualTo(1);
  }

  @Test
  void closingAFollowEndsIt() {
    if (!runtime.capabilities().followLogs()) {
      return;
    }
    String sandbox = runtime.runPodSandbox(sandbox("p16"));
    String id = running(sandbox, runsUntilStopped("c", 0, List.of("hello")));
    CollectingLogSink sink = new CollectingLogSink();
    var subscription = runtime.readLogs(id, new LogOptions(OptionalInt.empty(), Optional.empty(), true, false), sink);
    eventually(Duration.ofSeconds(5), () -> assertThat(sink.texts()).contains("hello"));
    subscription.close();
    subscription.close();
    eventually(Duration.ofSeconds(5), () -> assertThat(sink.ended()).isTrue());
    assertThat(sink.ends()).isEqualTo(1);
  }
}
