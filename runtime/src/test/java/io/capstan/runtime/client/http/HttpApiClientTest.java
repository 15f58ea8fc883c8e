package io.capstan.runtime.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.GoneException;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.client.Watch;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpApiClientTest {

  @TempDir Path dir;
  private final ReferenceStore store = ReferenceStore.create();
  private final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private ApiServer server;
  private HttpApiClient client;

  @BeforeEach
  void start() throws Exception {
    store.start();
    server = new ApiServer(new ApiServerSettings("127.0.0.1", 0, null, null, null, 100, Duration.ofSeconds(30), null), dir, store,
        KindRegistry.builtIn(), List.of(), ObjectValidator.NONE, new WallClock(), executor, ApiExtensions.NONE, NonResourceEndpoints.NONE);
    server.start();
    client = new HttpApiClient(URI.create(server.url()), Optional.empty(), KindRegistry.builtIn());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    store.close();
    executor.close();
  }

  private static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build();
  }

  @Test
  void crudOverHttpMapsEveryErrorToItsException() {
    ResourceClient<Pod> pods = client.resources(Pod.class);
    Pod created = pods.create(pod("p"));
    assertThat(created.getStatus().getPhase()).isEqualTo("Pending");
    assertThatThrownBy(() -> pods.create(pod("p"))).isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("pods \"p\" already exists");
    Pod fetched = pods.get("default", "p").orElseThrow();
    fetched.getMetadata().getLabels().put("x", "y");
    Pod updated = pods.update(fetched);
    assertThat(updated.getMetadata().getLabels()).containsEntry("x", "y");
    assertThatThrownBy(() -> pods.update(fetched)).isInstanceOf(ConflictException.class);
    assertThat(pods.list(ListOptions.all()).items()).extracting(p -> p.getMetadata().getName()).containsExactly("p");
    assertThat(client.resources(Namespace.class).get("", "kube-system")).isPresent();
    pods.delete("default", "p");
    assertThat(pods.get("default", "p")).isEmpty();
  }

  @Test
  void watchStreamsEventsAndA410ClosesWithGone() {
    ResourceClient<Pod> pods = client.resources(Pod.class);
    String version = pods.list(ListOptions.inNamespace("default")).resourceVersion();
    List<String> seen = new CopyOnWriteArrayList<>();
    Watch watch = pods.watch(ListOptions.inNamespace("default").withResourceVersion(version),
        (type, pod) -> seen.add(type + " " + pod.getMetadata().getName()));
    pods.create(pod("a"));
    pods.delete("default", "a");
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
    assertThat(seen).containsExactly("ADDED a", "DELETED a");
    watch.close();

    for (int i = 0; i < 120; i++) {
      pods.create(pod("b" + i));
    }
    AtomicReference<Optional<ApiException>> closed = new AtomicReference<>();
    pods.watch(ListOptions.inNamespace("default").withResourceVersion(version), new io.capstan.spi.client.WatchHandler<>() {
      @Override
      public void onEvent(io.capstan.spi.client.WatchEventType type, Pod object) {}

      @Override
      public void onClose(Optional<ApiException> cause) {
        closed.set(cause);
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != null);
    assertThat(closed.get()).get().isInstanceOf(GoneException.class);
  }

  @Test
  void closingAWatchEndsItOnTheServer() throws Exception {
    double own = openWatches(); // the API server's own informers watch too
    ResourceClient<Pod> pods = client.resources(Pod.class);
    Watch watch = pods.watch(ListOptions.inNamespace("default"), (type, pod) -> {});
    await().atMost(Duration.ofSeconds(10)).until(() -> openWatches() == own + 1);
    watch.close();
    // The client closed the connection: the server finds out when it next writes to it (the
    // first write after the close may still land in the socket's buffer). A client that kept the
    // connection open after close (the JDK's on Java 17) would be streamed to forever.
    java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      pods.create(pod("after-close-" + writes.incrementAndGet()));
      return openWatches() == own;
    });
  }

  /** The server's open-watch gauge, from its Prometheus metrics. */
  private double openWatches() throws Exception {
    String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(server.url()
        + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    return metrics.lines().filter(l -> l.startsWith("apiserver_watchers")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst().orElseThrow(() -> new AssertionError("no apiserver_watchers in /metrics: " + metrics));
  }
}
