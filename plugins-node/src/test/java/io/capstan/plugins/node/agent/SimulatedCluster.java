package io.capstan.plugins.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.node.simulated.SimulatedRuntime;
import io.capstan.plugins.node.simulated.SimulatedRuntimeConfig;
import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.runtime.clock.WallClock;
import io.capstan.runtime.node.NodeHost;
import io.capstan.runtime.node.NodeSettings;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.plugins.store.memory.MemoryStore;
import io.capstan.plugins.store.memory.MemoryStoreConfig;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A real API server (memory store, wall clock, its own small pool) and simulated nodes whose
 * agents, runtimes and informers run on a virtual clock the test drives: virtual time advances in
 * small steps while the test waits for a condition, so minutes of back-off take milliseconds.
 */
final class SimulatedCluster implements AutoCloseable {

  final PooledTaskExecutor serverExecutor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  final MemoryStore store = new MemoryStore(MemoryStoreConfig.defaults(), new WallClock(), serverExecutor);
  final ApiServer server;
  final DeterministicExecutor executor = new DeterministicExecutor(new VirtualClock(Instant.parse("2026-01-01T00:00:00Z")), 11);
  final ApiClient client;
  final HttpClient http = HttpClient.newHttpClient();
  NodeHost host;

  SimulatedCluster(Path dataDir, int nodes) throws Exception {
    this(dataDir);
    startNodes(nodes);
  }

  /** The API server only; the test starts nodes. */
  SimulatedCluster(Path dataDir) throws Exception {
    store.start();
    ApiServerSettings settings = new ApiServerSettings("127.0.0.1", 0, null, null, null, 1000, Duration.ofSeconds(1), null);
    server = new ApiServer(settings, dataDir, store, KindRegistry.builtIn(), List.of(), ObjectValidator.NONE, new WallClock(),
        serverExecutor, ApiExtensions.NONE, NonResourceEndpoints.NONE);
    server.start();
    client = new InProcessApiClient(server.api(), UserInfo.of("system:node", UserInfo.GROUP_MASTERS), executor, Optional.empty());
  }

  void startNodes(int nodes) {
    startNodes(nodes, () -> new SimulatedRuntime(SimulatedRuntimeConfig.defaults(), executor.clock(), executor));
  }

  void startNodes(int nodes, Supplier<io.capstan.spi.node.ContainerRuntime> runtimes) {
    NodeSettings settings = NodeSettings.ofCount(nodes);
    host = new NodeHost(client, executor.clock(), executor, runtimes, settings,
        NodeHost.identities(settings), Optional.of(server.api().subresources().logs()));
    host.start();
  }

  Instant now() {
    return executor.clock().now();
  }

  Pod pod(String name) {
    return client.resources(Pod.class).get("default", name).orElseThrow();
  }

  Optional<Pod> findPod(String name) {
    return client.resources(Pod.class).get("default", name);
  }

  /**
   * Advances virtual time in steps of {@code step} (letting the server's threads deliver between
   * steps) until the condition holds; fails once {@code within} of virtual time has passed.
   */
  void until(Duration within, Duration step, Supplier<Boolean> condition) {
    Instant deadline = now().plus(within);
    long realDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      executor.runUntilIdle();
      if (condition.get()) {
        return;
      }
      assertThat(now()).as("virtual time ran out waiting").isBefore(deadline);
      assertThat(System.nanoTime()).as("real time ran out waiting").isLessThan(realDeadline);
      LockSupport.parkNanos(200_000);
      executor.advance(step);
    }
  }

  void until(Duration within, Supplier<Boolean> condition) {
    until(within, Duration.ofMillis(100), condition);
  }

  /** Runs pending virtual work for a stretch of virtual time, regardless of conditions. */
  void advance(Duration duration, Duration step) {
    Instant end = now().plus(duration);
    while (now().isBefore(end)) {
      executor.runUntilIdle();
      LockSupport.parkNanos(200_000);
      executor.advance(step);
    }
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    if (host != null) {
      host.close();
    }
    executor.close();
    server.close();
    store.close();
    serverExecutor.close();
  }
}
