package io.capstan.runtime.apiserver.services;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ServedKinds;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.store.Store;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An API server with Kubernetes' validation over a given store and service ranges, driven in-process. */
final class ServiceClusterFixture implements AutoCloseable {

  static final UserInfo ADMIN = UserInfo.of("admin", UserInfo.GROUP_MASTERS);

  final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  final ApiServer server;
  final ResourceKind services;

  ServiceClusterFixture(Path dataDir, Store store, ServiceNetworkSettings network) throws Exception {
    ApiServerSettings settings = new ApiServerSettings("127.0.0.1", 0, null, null, null, 100, Duration.ofSeconds(30), null);
    server = new ApiServer(settings, dataDir, store, new ServedKinds(KindRegistry.builtIn()), List.of(),
        ObjectValidator.KUBERNETES, new WallClock(), executor, ApiExtensions.NONE, NonResourceEndpoints.NONE, network);
    server.start();
    services = server.api().kinds().byResource("", "services").orElseThrow();
  }

  static Service service(String name, String type, String clusterIp, Integer nodePort) {
    return new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withType(type).withClusterIP(clusterIp).addToSelector("app", name)
        .addNewPort().withName("http").withPort(80).withProtocol("TCP").withNodePort(nodePort).endPort().endSpec().build();
  }

  Service create(Service service) {
    return (Service) server.api().writes().create(ApiRequest.of(services, "default", service.getMetadata().getName(), ADMIN),
        service);
  }

  Service get(String name) {
    return (Service) server.api().reads().get(ApiRequest.of(services, "default", name, ADMIN), "");
  }

  void delete(String name) {
    server.api().deleter().delete(ApiRequest.of(services, "default", name, ADMIN), DeleteOptions.DEFAULTS);
  }

  @Override
  public void close() throws Exception {
    server.close();
    executor.close();
  }
}
