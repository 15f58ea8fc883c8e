package io.capstan.runtime.proxy;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.apiserver.resource.ServedKinds;
import io.capstan.runtime.apiserver.services.ServiceNetworkSettings;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An in-process API server with Kubernetes' validation and a client as the administrator. */
final class ProxyCluster implements AutoCloseable {

  final ReferenceStore store = ReferenceStore.create();
  final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  final WallClock clock = new WallClock();
  final ApiServer server;
  final ApiClient client;
  final DefaultInformerFactory informers;

  ProxyCluster(Path dataDir) throws Exception {
    store.start();
    ApiServerSettings settings = new ApiServerSettings("127.0.0.1", 0, null, null, null, 100, Duration.ofSeconds(30), null);
    server = new ApiServer(settings, dataDir, store, new ServedKinds(KindRegistry.builtIn()), List.of(),
        ObjectValidator.KUBERNETES, clock, executor, ApiExtensions.NONE, NonResourceEndpoints.NONE,
        ServiceNetworkSettings.DEFAULTS);
    server.start();
    client = new InProcessApiClient(server.api(), UserInfo.of("admin", UserInfo.GROUP_MASTERS), executor, Optional.empty());
    informers = new DefaultInformerFactory(client, executor, clock);
  }

  static ServiceBuilder service(String name) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().addToSelector("app", name).endSpec();
  }

  Service create(Service service) {
    return client.resources(Service.class).create(service);
  }

  /** Writes the Endpoints of {@code name}: one subset, ready and not-ready IPs, on one named port. */
  Endpoints endpoints(String name, String portName, int port, List<String> ready, List<String> notReady) {
    Endpoints eps = new EndpointsBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .addNewSubset()
        .withAddresses(ready.stream().map(ip -> new EndpointAddressBuilder().withIp(ip).withNodeName("n1").build()).toList())
        .withNotReadyAddresses(notReady.stream().map(ip -> new EndpointAddressBuilder().withIp(ip).build()).toList())
        .addNewPort().withName(portName.isEmpty() ? null : portName).withPort(port).withProtocol("TCP").endPort()
        .endSubset().build();
    var resources = client.resources(Endpoints.class);
    Optional<Endpoints> existing = resources.get("default", name);
    if (existing.isPresent()) {
      eps.getMetadata().setResourceVersion(existing.get().getMetadata().getResourceVersion());
      return resources.update(eps);
    }
    return resources.create(eps);
  }

  @Override
  public void close() throws Exception {
    informers.stop();
    server.close();
    executor.close();
    store.close();
  }
}
