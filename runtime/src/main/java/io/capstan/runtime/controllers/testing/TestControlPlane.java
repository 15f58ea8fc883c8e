package io.capstan.runtime.controllers.testing;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.runtime.components.ApiServerModule;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real API server for controller tests: served on {@code 127.0.0.1} at a free port over a store
 * the test supplies (the tck's {@code ReferenceStore}, or a memory store), with the built-in kinds,
 * Kubernetes validation, the given admission plugins, and an in-process {@link ApiClient} as the
 * cluster administrator. The store's lifecycle stays the caller's.
 */
public final class TestControlPlane implements AutoCloseable {

  private final ApiServer server;
  private final ApiClient client;
  private final Path dataDir;

  private TestControlPlane(ApiServer server, ApiClient client, Path dataDir) {
    this.server = server;
    this.client = client;
    this.dataDir = dataDir;
  }

  /** Starts a server over {@code store} (already started) with no admission plugins. */
  public static TestControlPlane start(Store store, Clock clock, TaskExecutor executor) {
    return start(store, clock, executor, KindRegistry.builtIn(), List.of());
  }

  public static TestControlPlane start(Store store, Clock clock, TaskExecutor executor, KindRegistry kinds,
      List<AdmissionPlugin> admission) {
    requireNonNull(store, "store");
    requireNonNull(clock, "clock");
    requireNonNull(executor, "executor");
    try {
      Path dataDir = Files.createTempDirectory("capstan-test-cp");
      ApiServerSettings settings = new ApiServerSettings("127.0.0.1", 0, null, null, null, 1000,
          Duration.ofSeconds(1), null);
      ApiExtensions extensions = ApiServerModule.defaultExtensions();
      ApiServer server = new ApiServer(settings, dataDir, store, kinds, List.copyOf(admission),
          ObjectValidator.KUBERNETES, clock, executor, extensions, NonResourceEndpoints.NONE);
      server.start();
      ApiClient client = new InProcessApiClient(server.api(),
          UserInfo.of("system:capstan", UserInfo.GROUP_MASTERS, UserInfo.GROUP_AUTHENTICATED), executor,
          extensions.patches());
      return new TestControlPlane(server, client, dataDir);
    } catch (Exception e) {
      throw new IllegalStateException("test API server failed to start: " + e, e);
    }
  }

  /** The in-process client, as the cluster administrator. */
  public ApiClient client() {
    return client;
  }

  public ApiServer server() {
    return server;
  }

  /**
   * Binds a pod to a node through the {@code binding} subresource, as a scheduler does (the
   * {@link ApiClient} has no call for it).
   */
  public io.fabric8.kubernetes.api.model.Pod bind(String namespace, String pod, String node) {
    io.capstan.spi.api.ResourceKind pods = server.api().kinds().byResource("", "pods").orElseThrow();
    io.fabric8.kubernetes.api.model.Binding binding = new io.fabric8.kubernetes.api.model.BindingBuilder()
        .withNewMetadata().withNamespace(namespace).withName(pod).endMetadata()
        .withNewTarget().withKind("Node").withName(node).endTarget().build();
    return server.api().subresources().bind(io.capstan.runtime.apiserver.resource.ApiRequest.of(pods, namespace, pod,
        UserInfo.of("system:kube-scheduler", UserInfo.GROUP_AUTHENTICATED)).withSubresource("binding"), binding);
  }

  /** The server's URL ({@code http://127.0.0.1:PORT}). */
  public String url() {
    return server.url();
  }

  @Override
  public void close() throws Exception {
    server.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder; nothing else to do
    }
  }
}
