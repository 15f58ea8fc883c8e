package io.capstan.runtime.components;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.resource.ServedKinds;
import io.capstan.runtime.apiserver.services.ServiceNetworkSettings;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.runtime.config.ConfigBinder;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.store.Store;
import java.util.List;
import java.util.Optional;

/** Wires the API server component from the selected store, kinds, admission chain, clock and settings. */
public final class ApiServerModule extends AbstractModule {

  // The kernel builds injectors in Guice's production stage, so the @Singleton server below is
  // created (and, as a Lifecycle, started) eagerly.

  @Provides
  @Singleton
  ApiServerSettings settings(LayeredConfig config) {
    return new ConfigBinder().bind(config, "apiserver", ApiServerSettings.class);
  }

  /** The pluggable parts of the API, each supplied by its own package; one set per process. */
  @Provides
  @Singleton
  ApiExtensions extensions() {
    return new ApiExtensions(Optional.of(new TableRendering()), Optional.of(new EnginePatchApplier()),
        Optional.of(new ProtobufBodies()));
  }

  /** The kinds served now: the build's, plus those CustomResourceDefinitions add while running. */
  @Provides
  @Singleton
  ServedKinds servedKinds(KindRegistry kinds) {
    return new ServedKinds(kinds);
  }

  @Provides
  @Singleton
  ServiceNetworkSettings network(LayeredConfig config) {
    return new ConfigBinder().bind(config, "network", ServiceNetworkSettings.class);
  }

  @Provides
  @Singleton
  ApiServer apiServer(ApiServerSettings settings, ServiceNetworkSettings network, KernelPlan plan, Store store, ServedKinds kinds,
      List<AdmissionPlugin> admission, Clock clock, TaskExecutor executor, ApiExtensions extensions) {
    return new ApiServer(settings, plan.resolvePath(plan.runtime().dataDir()), store, kinds, admission,
        ObjectValidator.KUBERNETES, clock, executor, extensions,
        new DocumentEndpoints(kinds::current, settings.bind() + ":" + settings.port()), network);
  }

  @Provides
  ResourceApi resourceApi(ApiServer server) {
    return server.api();
  }

  /** Same-JVM components talk to this server in-process, as the cluster's administrator. */
  @Provides
  @Singleton
  ApiClient apiClient(ApiServer server, TaskExecutor executor, ApiExtensions extensions) {
    return new InProcessApiClient(server.api(), UserInfo.of("system:capstan", UserInfo.GROUP_MASTERS, UserInfo.GROUP_AUTHENTICATED),
        executor, extensions.patches());
  }

  /**
   * The shared informers of the API server's plugins (RBAC, quota), over the in-process client;
   * started after the server and stopped before it.
   */
  @Provides
  @Singleton
  InformerFactory informers(ApiClient client, TaskExecutor executor, Clock clock) {
    return new ServerInformers(new DefaultInformerFactory(client, executor, clock));
  }
}
