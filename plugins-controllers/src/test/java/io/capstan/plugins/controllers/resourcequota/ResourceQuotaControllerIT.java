package io.capstan.plugins.controllers.resourcequota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.EventRecorder;
import io.capstan.spi.controller.Result;
import io.capstan.tck.fixtures.TestObjects;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The resourcequota controller's reconcile against a real in-process API server and informers. */
class ResourceQuotaControllerIT {

  private static final ReferenceStore store = ReferenceStore.create();
  private static final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private static final WallClock clock = new WallClock();
  private static ApiServer server;
  private static ApiClient client;
  private static InformerFactory informers;
  private static ControllerContext ctx;
  private static final ResourceQuotaController controller = new ResourceQuotaController(KindRegistry.builtIn());

  @BeforeAll
  static void start() throws Exception {
    store.start();
    server = new ApiServer(new ApiServerSettings("127.0.0.1", 0, null, null, null, 1000, Duration.ofSeconds(1), null),
        Files.createTempDirectory("quota-controller"), store, KindRegistry.builtIn(), List.of(), ObjectValidator.KUBERNETES,
        clock, executor, ApiExtensions.NONE, NonResourceEndpoints.NONE);
    server.start();
    client = new InProcessApiClient(server.api(), UserInfo.of("system:kube-controller-manager", UserInfo.GROUP_MASTERS),
        executor, Optional.empty());
    informers = new DefaultInformerFactory(client, executor, clock);
    informers.sharedInformer(ResourceQuota.class);
    informers.start();
    await().until(informers::hasSynced);
    ctx = new ControllerContext() {
      @Override
      public ApiClient client() {
        return client;
      }

      @Override
      public InformerFactory informers() {
        return informers;
      }

      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public EventRecorder events() {
        return (regarding, type, reason, message) -> { };
      }
    };
  }

  @AfterAll
  static void stop() throws Exception {
    informers.stop();
    server.close();
    store.close();
    executor.close();
  }

  private static ResourceQuota quota(String namespace) {
    return client.resources(ResourceQuota.class).get(namespace, "q").orElseThrow();
  }

  private static void createQuota(String namespace, Map<String, String> hard) {
    client.resources(io.fabric8.kubernetes.api.model.Namespace.class).create(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build());
    Map<String, Quantity> values = new java.util.TreeMap<>();
    hard.forEach((k, v) -> values.put(k, new Quantity(v)));
    client.resources(ResourceQuota.class).create(new ResourceQuotaBuilder().withNewMetadata().withName("q").withNamespace(namespace).endMetadata()
        .withNewSpec().withHard(values).endSpec().build());
    await().until(() -> informers.sharedInformer(ResourceQuota.class).lister().get(namespace, "q").isPresent());
  }

  @Test
  void reconcileCountsTheNamespaceAndDeletesReleaseQuota() {
    createQuota("counted", Map.of("pods", "10", "requests.cpu", "4", "count/deployments.apps", "3"));
    client.resources(Pod.class).create(TestObjects.pod("a").namespace("counted").cpu("500m").build());
    client.resources(Pod.class).create(TestObjects.pod("b").namespace("counted").cpu("1").build());
    client.resources(Pod.class).create(new PodBuilder(TestObjects.pod("done").namespace("counted").cpu("1").build()).build());
    client.resources(Pod.class).updateStatus(new PodBuilder(client.resources(Pod.class).get("counted", "done").orElseThrow())
        .withNewStatus().withPhase("Succeeded").endStatus().build());
    client.resources(io.fabric8.kubernetes.api.model.apps.Deployment.class).create(new DeploymentBuilder()
        .withNewMetadata().withName("d").withNamespace("counted").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "d").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "d").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build());

    Result result = controller.reconcile(ObjectKey.of("counted", "q"), ctx);
    assertThat(result.action()).isEqualTo(Result.Action.REQUEUE_AFTER);
    assertThat(quota("counted").getStatus().getUsed())
        .containsEntry("pods", new Quantity("2")).containsEntry("requests.cpu", new Quantity("1500m"))
        .containsEntry("count/deployments.apps", new Quantity("1"));
    assertThat(quota("counted").getStatus().getHard()).containsEntry("pods", new Quantity("10"));

    // a pod event now maps to the quota, and its deletion releases what it used
    Pod a = client.resources(Pod.class).get("counted", "a").orElseThrow();
    assertThat(controller.quotasOfNamespace().map(a)).containsExactly(ObjectKey.of("counted", "q"));
    client.resources(Pod.class).delete("counted", "a");
    await().until(() -> {
      controller.reconcile(ObjectKey.of("counted", "q"), ctx);
      return new Quantity("1").equals(quota("counted").getStatus().getUsed().get("pods"));
    });
    assertThat(quota("counted").getStatus().getUsed()).containsEntry("requests.cpu", new Quantity("1"));
  }

  @Test
  void aStaleStatusIsCorrectedAndAnUnchangedOneIsNotRewritten() {
    createQuota("stale", Map.of("configmaps", "5"));
    ResourceQuota wrong = new ResourceQuotaBuilder(quota("stale")).withNewStatus()
        .withHard(Map.of("configmaps", new Quantity("5"))).withUsed(Map.of("configmaps", new Quantity("4"))).endStatus().build();
    client.resources(ResourceQuota.class).updateStatus(wrong);
    controller.reconcile(ObjectKey.of("stale", "q"), ctx);
    ResourceQuota fixed = quota("stale");
    assertThat(fixed.getStatus().getUsed()).containsEntry("configmaps", new Quantity("0"));
    controller.reconcile(ObjectKey.of("stale", "q"), ctx);
    assertThat(quota("stale").getMetadata().getResourceVersion()).isEqualTo(fixed.getMetadata().getResourceVersion());
  }

  @Test
  void aDeletedQuotaIsForgotten() {
    createQuota("gone", Map.of("pods", "1"));
    controller.reconcile(ObjectKey.of("gone", "q"), ctx);
    client.resources(ResourceQuota.class).delete("gone", "q");
    await().until(() -> informers.sharedInformer(ResourceQuota.class).lister().get("gone", "q").isEmpty());
    assertThat(controller.reconcile(ObjectKey.of("gone", "q"), ctx)).isEqualTo(Result.done());
    assertThat(controller.quotasOfNamespace().map(TestObjects.pod("x").namespace("gone").build())).isEmpty();
  }
}
