package io.capstan.runtime.scheduler;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.runtime.components.EnginePatchApplier;
import io.capstan.runtime.scheduler.profile.ConfigurationLoader;
import io.capstan.runtime.scheduler.profile.SchedulerConfig;
import io.capstan.runtime.scheduler.testplugins.TestPlugins;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An in-process API server on the reference store, an in-process client, informers and a
 * scheduler built from a KubeSchedulerConfiguration with the test plugins, on the wall clock.
 */
final class SchedulerCluster implements AutoCloseable {

  static final String BASIC = """
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
      - schedulerName: default-scheduler
        plugins:
          score:
            enabled:
            - name: LeastAllocatedCpu
              weight: 1
      """;

  final ReferenceStore store = ReferenceStore.create();
  final PooledTaskExecutor executor = new PooledTaskExecutor(4, Duration.ofSeconds(1));
  final WallClock clock = new WallClock();
  final ApiServer server;
  final ApiClient client;
  final DefaultInformerFactory informers;
  final Scheduler scheduler;

  SchedulerCluster(Path dataDir, String yaml) throws Exception {
    this(dataDir, yaml, SchedulerOptions.defaults());
  }

  SchedulerCluster(Path dataDir, String yaml, SchedulerOptions options) throws Exception {
    store.start();
    ApiServerSettings settings = new ApiServerSettings("127.0.0.1", 0, null, null, null, 1000, Duration.ofSeconds(1), null);
    ApiExtensions extensions = new ApiExtensions(Optional.empty(), Optional.of(new EnginePatchApplier()), Optional.empty());
    server = new ApiServer(settings, dataDir, store, KindRegistry.builtIn(), List.of(), ObjectValidator.KUBERNETES, clock,
        executor, extensions, NonResourceEndpoints.NONE);
    server.start();
    client = new InProcessApiClient(server.api(), UserInfo.of("system:capstan", UserInfo.GROUP_MASTERS), executor,
        extensions.patches());
    informers = new DefaultInformerFactory(client, executor, clock);
    Injector parent = Guice.createInjector(new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(clock);
        bind(TaskExecutor.class).toInstance(executor);
        bind(ApiClient.class).toInstance(client);
      }
    });
    SchedulerConfig config = ConfigurationLoader.parse(yaml, "test");
    scheduler = SchedulerAssembly.build(config, options, TestPlugins.registry(), parent, client, informers, true);
    scheduler.start();
  }

  /** Creates a node and waits until the scheduler's cache has it, so the next pod sees it. */
  Node node(Node node) {
    int before = scheduler.cache().nodeCount();
    Node created = client.resources(Node.class).create(node);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.cache().nodeCount() > before);
    return created;
  }

  Pod pod(Pod pod) {
    return client.resources(Pod.class).create(pod);
  }

  Pod get(String name) {
    return client.resources(Pod.class).get("default", name).orElseThrow();
  }

  String nodeOf(String pod) {
    return client.resources(Pod.class).get("default", pod).map(p -> p.getSpec().getNodeName()).orElse(null);
  }

  List<Event> events(String pod) {
    return client.resources(Event.class).list(ListOptions.inNamespace("default")).items().stream()
        .filter(e -> pod.equals(e.getInvolvedObject().getName())).toList();
  }

  @Override
  public void close() throws Exception {
    scheduler.close();
    server.close();
    store.close();
    executor.close();
  }
}
