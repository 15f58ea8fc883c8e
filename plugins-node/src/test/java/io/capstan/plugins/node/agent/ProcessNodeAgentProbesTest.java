package io.capstan.plugins.node.agent;

import static io.capstan.plugins.node.agent.SimulatedNodeAgentTest.condition;
import static io.capstan.plugins.node.agent.SimulatedNodeAgentTest.main;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.node.process.ProcessRuntime;
import io.capstan.plugins.node.process.ProcessRuntimeConfig;
import io.capstan.plugins.store.memory.MemoryStore;
import io.capstan.plugins.store.memory.MemoryStoreConfig;
import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.runtime.node.NodeHost;
import io.capstan.runtime.node.NodeSettings;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process node under a real API server on the wall clock: exec probes run by the process
 * runtime against real processes decide readiness (without restarts), liveness (a restart after
 * the back-off) and startup (gating readiness). The test flips a probe by touching or removing a
 * file in the pod's working directory.
 */
class ProcessNodeAgentProbesTest {

  @TempDir Path dir;
  private final PooledTaskExecutor executor = new PooledTaskExecutor(4, Duration.ofSeconds(1));
  private final WallClock clock = new WallClock();
  private MemoryStore store;
  private ApiServer server;
  private NodeHost host;
  private ApiClient client;

  @BeforeEach
  void start() throws Exception {
    store = new MemoryStore(MemoryStoreConfig.defaults(), clock, executor);
    store.start();
    server = new ApiServer(new ApiServerSettings("127.0.0.1", 0, null, null, null, 1000, Duration.ofSeconds(1), null), dir,
        store, KindRegistry.builtIn(), List.of(), ObjectValidator.NONE, clock, executor, ApiExtensions.NONE, NonResourceEndpoints.NONE);
    server.start();
    client = new InProcessApiClient(server.api(), UserInfo.of("system:node", UserInfo.GROUP_MASTERS), executor, Optional.empty());
    NodeSettings settings = NodeSettings.ofCount(1);
    host = new NodeHost(client, clock, executor, () -> new ProcessRuntime(ProcessRuntimeConfig.at(dir.resolve("process")), clock, executor),
        settings, NodeHost.identities(settings), Optional.empty());
    host.start();
  }

  @AfterEach
  void stop() throws Exception {
    host.close();
    server.close();
    store.close();
    executor.close();
  }

  private Pod pod(String name) {
    return client.resources(Pod.class).get("default", name).orElseThrow();
  }

  private Path workDir(String name) {
    Pod pod = pod(name);
    return dir.resolve("process").resolve("work").resolve("default_" + name + "_" + pod.getMetadata().getUid());
  }

  private static PodBuilder shellPod(String name, String script) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withNodeName("node-1").withTerminationGracePeriodSeconds(1L)
        .addNewContainer().withName("main").withImage("shell").withCommand("/bin/sh", "-c", script).endContainer().endSpec();
  }

  @Test
  void readinessFlipsWithoutARestartAndAFailedLivenessRestartsTheProcess() throws Exception {
    client.resources(Pod.class).create(shellPod("web", "touch ready alive; exec sleep 300").editSpec().editFirstContainer()
        .withNewReadinessProbe().withNewExec().withCommand("test", "-f", "ready").endExec().withPeriodSeconds(1)
        .withFailureThreshold(1).endReadinessProbe()
        .withNewLivenessProbe().withNewExec().withCommand("test", "-f", "alive").endExec().withPeriodSeconds(1)
        .withFailureThreshold(2).endLivenessProbe().endContainer().endSpec().build());
    await().atMost(Duration.ofSeconds(30)).until(() -> "True".equals(condition(pod("web"), "Ready")));
    Files.delete(workDir("web").resolve("ready"));
    await().atMost(Duration.ofSeconds(30)).until(() -> "False".equals(condition(pod("web"), "Ready")));
    assertThat(main(pod("web")).getRestartCount()).as("readiness never restarts").isZero();
    assertThat(main(pod("web")).getState().getRunning()).isNotNull();

    Files.delete(workDir("web").resolve("alive"));
    // killed after two failed checks, restarted after the 10 s CrashLoopBackOff; the new process touches both files
    await().atMost(Duration.ofSeconds(60)).until(() -> main(pod("web")).getRestartCount() == 1
        && "True".equals(condition(pod("web"), "Ready")));
    assertThat(main(pod("web")).getLastState().getTerminated()).as("the killed process").isNotNull();
  }

  @Test
  void aStartupProbeHoldsReadinessBackUntilItSucceeds() throws Exception {
    client.resources(Pod.class).create(shellPod("slow", "exec sleep 300").editSpec().editFirstContainer()
        .withNewStartupProbe().withNewExec().withCommand("test", "-f", "started").endExec().withPeriodSeconds(1)
        .withFailureThreshold(60).endStartupProbe()
        .withNewReadinessProbe().withNewExec().withCommand("true").endExec().withPeriodSeconds(1).endReadinessProbe()
        .endContainer().endSpec().build());
    await().atMost(Duration.ofSeconds(30)).until(() -> "Running".equals(pod("slow").getStatus().getPhase()));
    // readiness would pass at once, but is not asked before the startup probe succeeds
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
        Boolean.FALSE.equals(main(pod("slow")).getStarted()) && "False".equals(condition(pod("slow"), "Ready")));
    Files.createFile(workDir("slow").resolve("started"));
    await().atMost(Duration.ofSeconds(30)).until(() -> "True".equals(condition(pod("slow"), "Ready")));
    assertThat(main(pod("slow")).getStarted()).isTrue();
    assertThat(main(pod("slow")).getRestartCount()).isZero();
  }
}
