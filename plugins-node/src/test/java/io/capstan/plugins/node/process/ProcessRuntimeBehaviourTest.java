package io.capstan.plugins.node.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.node.ContainerConfig;
import io.capstan.spi.node.ContainerRuntimeException;
import io.capstan.spi.node.ContainerState;
import io.capstan.spi.node.ContainerStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real processes: command and args, environment, working directory, exit codes, signals, ports. */
class ProcessRuntimeBehaviourTest extends ProcessRuntimeFixture {

  @Test
  void exitCodeAndOutputOfAShellCommand() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("job"));
    String id = start(runtime, sandbox, sh("main", "echo hi; echo oops >&2; exit 3"));
    ContainerStatus done = awaitExit(runtime, id);
    assertThat(done.exitCode()).isEqualTo(3);
    assertThat(done.reason()).isEqualTo("Error");
    assertThat(done.finishedAt().orElseThrow()).isAfterOrEqualTo(done.startedAt().orElseThrow());
    assertThat(logs(runtime, id)).containsExactlyInAnyOrder("hi", "oops");
    assertThat(runtime.podSandboxStatus(sandbox).orElseThrow().ip()).isEqualTo("127.0.0.1");
  }

  @Test
  void commandReplacesTheEntrypointAndTheImageIsTheExecutableWithoutOne() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("img"));
    String viaImage = start(runtime, sandbox, new ContainerConfig("echo", 0, "/bin/echo", List.of(),
        List.of("from", "image"), Map.of(), "", Map.of(), Map.of()));
    assertThat(awaitExit(runtime, viaImage).reason()).isEqualTo("Completed");
    assertThat(logs(runtime, viaImage)).containsExactly("from image");
    assertThatThrownBy(() -> runtime.createContainer(sandbox, new ContainerConfig("none", 0, "", List.of(),
        List.of(), Map.of(), "", Map.of(), Map.of()))).isInstanceOf(ContainerRuntimeException.class)
        .hasMessageContaining("needs a command");
    String missing = runtime.createContainer(sandbox, new ContainerConfig("bad", 0, "nginx:1.27", List.of(),
        List.of(), Map.of(), "", Map.of(), Map.of()));
    assertThatThrownBy(() -> runtime.startContainer(missing)).isInstanceOf(ContainerRuntimeException.class)
        .hasMessageContaining("nginx:1.27");
    ContainerStatus failed = runtime.containerStatus(missing).orElseThrow();
    assertThat(failed.state()).isEqualTo(ContainerState.EXITED);
    assertThat(failed.reason()).isEqualTo("StartError");
  }

  @Test
  void theEnvironmentIsTheContainersOwnAndTheWorkingDirectoryIsHonoured() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("envpod"));
    Path work = Files.createDirectories(dir.resolve("elsewhere"));
    ContainerConfig config = new ContainerConfig("env", 0, "shell", List.of("/bin/sh", "-c"),
        List.of("echo \"greeting=$GREETING\"; echo \"host=$HOSTNAME\"; echo \"leak=$MAVEN_CMD_LINE_ARGS$JAVA_HOME\"; pwd"),
        Map.of("GREETING", "hello world"), work.toString(), Map.of(), Map.of());
    String id = start(runtime, sandbox, config);
    awaitExit(runtime, id);
    assertThat(logs(runtime, id)).containsExactly("greeting=hello world", "host=envpod", "leak=",
        work.toRealPath().toString());
    String relative = start(runtime, sandbox, new ContainerConfig("rel", 0, "shell", List.of("/bin/sh", "-c"),
        List.of("pwd"), Map.of(), "", Map.of(), Map.of()));
    awaitExit(runtime, relative);
    assertThat(logs(runtime, relative).get(0)).endsWith("work/default_envpod_"
        + runtime.podSandboxStatus(sandbox).orElseThrow().config().podUid());
    String nowhere = runtime.createContainer(sandbox, new ContainerConfig("nowhere", 0, "shell",
        List.of("/bin/true"), List.of(), Map.of(), "/no/such/dir", Map.of(), Map.of()));
    assertThatThrownBy(() -> runtime.startContainer(nowhere)).isInstanceOf(ContainerRuntimeException.class)
        .hasMessageContaining("/no/such/dir");
  }

  @Test
  void stopSendsSigtermWhichATrapCanHandle() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("trap"));
    String id = start(runtime, sandbox, sh("web", "trap 'echo got TERM; exit 0' TERM; sleep 300 & echo ready $!; wait"));
    soon().untilAsserted(() -> assertThat(logs(runtime, id)).anyMatch(l -> l.startsWith("ready ")));
    long child = Long.parseLong(logs(runtime, id).get(0).substring("ready ".length()));
    runtime.stopContainer(id, Duration.ofSeconds(30));
    ContainerStatus done = awaitExit(runtime, id);
    assertThat(done.exitCode()).isZero();
    assertThat(done.reason()).isEqualTo("Completed");
    assertThat(logs(runtime, id)).containsExactly("ready " + child, "got TERM");
    soon().untilAsserted(() -> assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive))
        .as("what the main process left running dies with it, as in a container").isEmpty());
  }

  @Test
  void aProcessIgnoringSigtermIsKilledWithItsChildrenAfterTheGracePeriod() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("stubborn"));
    String id = start(runtime, sandbox, sh("c", "trap '' TERM; sleep 300 & echo child $!; wait; wait; wait"));
    soon().untilAsserted(() -> assertThat(logs(runtime, id)).anyMatch(l -> l.startsWith("child ")));
    long child = Long.parseLong(logs(runtime, id).get(0).substring("child ".length()));
    assertThat(ProcessHandle.of(child)).hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
    Duration grace = Duration.ofMillis(700);
    runtime.stopContainer(id, grace);
    runtime.stopContainer(id, Duration.ofSeconds(60)); // a second stop keeps the first deadline
    ContainerStatus killed = awaitExit(runtime, id);
    assertThat(killed.exitCode()).isEqualTo(137);
    assertThat(Duration.between(killed.startedAt().orElseThrow(), killed.finishedAt().orElseThrow()))
        .isGreaterThanOrEqualTo(grace);
    soon().untilAsserted(() -> assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).isEmpty());
  }

  @Test
  void aTakenPortFailsTheStartWithAClearReasonAndAFreeOneIsFine() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("ports"));
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      String id = runtime.createContainer(sandbox, withPorts(port + "/TCP"));
      assertThatThrownBy(() -> runtime.startContainer(id)).isInstanceOf(ContainerRuntimeException.class)
          .hasMessageContaining("port " + port + "/TCP is already in use on 127.0.0.1");
      assertThat(runtime.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerState.CREATED);
    }
    int free;
    try (ServerSocket probe = new ServerSocket(0)) {
      free = probe.getLocalPort();
    }
    String ok = start(runtime, sandbox, withPorts(free + ",53/UDP".replace("53", Integer.toString(free))));
    assertThat(awaitExit(runtime, ok).exitCode()).isZero();
    assertThatThrownBy(() -> runtime.createContainer(sandbox, withPorts("http")))
        .isInstanceOf(ContainerRuntimeException.class).hasMessageContaining("bad port 'http'");
  }

  private static ContainerConfig withPorts(String ports) {
    return new ContainerConfig("srv", 0, "shell", List.of("/bin/true"), List.of(), Map.of(), "", Map.of(),
        Map.of(ProcessLauncher.PORTS_ANNOTATION, ports));
  }

  @Test
  void eventsFollowEveryTransitionInOrder() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("ev"));
    String id = start(runtime, sandbox, sh("c", "exit 0"));
    awaitExit(runtime, id);
    // events are delivered asynchronously: the status can show the exit before its event arrives
    soon().untilAsserted(() -> assertThat(events.statesOf(id)).contains(ContainerState.EXITED));
    runtime.removePodSandbox(sandbox);
    soon().untilAsserted(() -> assertThat(events.has("sandbox-removed", sandbox)).isTrue());
    assertThat(events.statesOf(id)).containsExactly(ContainerState.CREATED, ContainerState.RUNNING,
        ContainerState.EXITED);
    assertThat(events.has("container-removed", id)).isTrue();
    assertThat(dir.resolve("pods")).isEmptyDirectory();
  }

  @Test
  void statsAreTheProcessTreesCpuTimeAndResidentMemory() throws Exception {
    ProcessRuntime runtime = runtime();
    String sandbox = runtime.runPodSandbox(pod("busy"));
    // a busy child under the main shell: its CPU counts for the container
    String id = start(runtime, sandbox, sh("spin", "sh -c 'while :; do :; done' & wait"));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      var stats = runtime.containerStats(id).orElseThrow();
      assertThat(stats.cpuUsageCoreNanoSeconds()).as("the spinning child used CPU").isGreaterThanOrEqualTo(100_000_000L);
      assertThat(stats.memoryWorkingSetBytes()).as("resident pages").isPositive();
    });
    runtime.stopContainer(id, Duration.ZERO);
    awaitExit(runtime, id);
    assertThat(runtime.containerStats(id)).as("a process that is gone reports nothing").isEmpty();
    assertThat(runtime.containerStats("no-such-container")).isEmpty();
  }
}
