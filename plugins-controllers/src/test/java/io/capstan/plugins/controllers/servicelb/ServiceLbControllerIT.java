package io.capstan.plugins.controllers.servicelb;

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
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.Service;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * service-lb against the real API server (Kubernetes validation, ClusterIP and NodePort allocation,
 * the services status subresource) and its informers; the result read back over HTTP.
 */
class ServiceLbControllerIT {

  private static final ReferenceStore store = ReferenceStore.create();
  private static final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private static final WallClock clock = new WallClock();
  private static ApiServer server;
  private static ApiClient client;
  private static InformerFactory informers;
  private static ControllerContext ctx;
  private static final ServiceLbController controller =
      new ServiceLbController(new ServiceLbConfig(List.of("192.168.200.0/29"), null, null));

  @BeforeAll
  static void start() throws Exception {
    store.start();
    server = new ApiServer(new ApiServerSettings("127.0.0.1", 0, null, null, null, 1000, Duration.ofSeconds(1), null),
        Files.createTempDirectory("service-lb"), store, KindRegistry.builtIn(), List.of(), ObjectValidator.KUBERNETES,
        clock, executor, ApiExtensions.NONE, NonResourceEndpoints.NONE);
    server.start();
    client = new InProcessApiClient(server.api(), UserInfo.of("system:kube-controller-manager", UserInfo.GROUP_MASTERS),
        executor, Optional.empty());
    informers = new DefaultInformerFactory(client, executor, clock);
    informers.sharedInformer(Service.class);
    informers.start();
    await().until(informers::hasSynced);
    EventRecorder events = (regarding, type, reason, message) -> { };
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
        return events;
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

  private static Service reconciled(String name) throws Exception {
    await().until(() -> ctx.lister(Service.class).get("default", name).isPresent());
    Result result = controller.reconcile(new ObjectKey("default", name), ctx);
    assertThat(result).isEqualTo(Result.done());
    return client.resources(Service.class).get("default", name).orElseThrow();
  }

  /** A GET over the server's HTTP port, as any client sees it. */
  private static String get(String path) throws Exception {
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + path)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  @Test
  void aLoadBalancerServiceGetsAPoolAddressThatKubectlShowsAsExternalIp() throws Exception {
    client.resources(Service.class).create(ServiceLbControllerTest.lb("web", null, null));
    client.resources(Service.class).create(ServiceLbControllerTest.lb("api", "192.168.200.6", null));
    Service web = reconciled("web");
    Service api = reconciled("api");
    assertThat(ServiceLbController.ingressIps(web)).containsExactly("192.168.200.1");
    assertThat(ServiceLbController.ingressIps(api)).containsExactly("192.168.200.6");
    assertThat(web.getSpec().getClusterIP()).isNotBlank();
    assertThat(web.getSpec().getPorts().get(0).getNodePort()).isBetween(30000, 32767);
    await().until(() -> ServiceLbController.ingressIps(
        ctx.lister(Service.class).get("default", "web").orElseThrow()).size() == 1);
    assertThat(reconciled("web").getMetadata().getResourceVersion())
        .as("a second reconcile writes nothing").isEqualTo(web.getMetadata().getResourceVersion());
    assertThat(get("/api/v1/namespaces/default/services/web/status"))
        .contains("\"loadBalancer\":{\"ingress\":[{\"ip\":\"192.168.200.1\"}]}");
  }
}
