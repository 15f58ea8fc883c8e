package io.capstan.runtime.components;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
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
    return defaultExtensions();
  }

  /** Tables, the patch engine and protobuf bodies: what a served API needs (public for test servers). */
  public static ApiExtensions defaultExtensions() {
    return new ApiExtensions(Optional.of(new TableRendering()), Optional.of(new EnginePatchApplier()),
        Optional.of(new ProtobufBodies()));
  }

  @Provides
  @Singleton
  ApiServer apiServer(ApiServerSettings settings, KernelPlan plan, Store store, KindRegistry kinds,
      List<AdmissionPlugin> admission, Clock clock, TaskExecutor executor, ApiExtensions extensions) {
    return new ApiServer(settings, plan.resolvePath(plan.runtime().dataDir()), store, kinds, admission,
        ObjectValidator.KUBERNETES, clock, executor, extensions,
        new DocumentEndpoints(kinds, settings.bind() + ":" + settings.port()));
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
}
