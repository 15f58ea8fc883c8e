package io.capstan.plugins.admission.cluster;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import jakarta.inject.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A started in-process API server over the reference store whose admission chain is the plugins
 * under test (each built from a {@link Provider} of the cluster's own admin client, as the kernel
 * builds them), with Kubernetes' validation, and in-process clients as admin or as any user.
 */
public final class AdmissionCluster implements AutoCloseable {

  /** The administrator the admin client acts as. */
  public static final UserInfo ADMIN = UserInfo.of("admin", UserInfo.GROUP_MASTERS, UserInfo.GROUP_AUTHENTICATED);

  private final ReferenceStore store = ReferenceStore.create();
  private final PooledTaskExecutor executor = new PooledTaskExecutor(4, Duration.ofSeconds(1));
  private final WallClock clock = new WallClock();
  private final ApiServer server;
  private final ApiClient admin;
  private final Path dataDir;

  /** Starts a server whose chain is {@code chain} applied to the admin client's provider, in order. */
  public AdmissionCluster(Function<Provider<ApiClient>, List<AdmissionPlugin>> chain) throws Exception {
    AtomicReference<ApiClient> self = new AtomicReference<>();
    Provider<ApiClient> provider = self::get;
    dataDir = Files.createTempDirectory("admission-cluster");
    store.start();
    ApiServerSettings settings = new ApiServerSettings("127.0.0.1", 0, null, null, null, 1000, Duration.ofSeconds(1), null);
    server = new ApiServer(settings, dataDir, store, KindRegistry.builtIn(), chain.apply(provider), ObjectValidator.KUBERNETES,
        clock, executor, ApiExtensions.NONE, NonResourceEndpoints.NONE);
    admin = as(ADMIN);
    self.set(admin);
    server.start();
  }

  /** The cluster's administrator. */
  public ApiClient admin() {
    return admin;
  }

  /** An in-process client acting as {@code user}. */
  public ApiClient as(UserInfo user) {
    return new InProcessApiClient(server.api(), user, executor, Optional.empty());
  }

  public ApiServer server() {
    return server;
  }

  public WallClock clock() {
    return clock;
  }

  public PooledTaskExecutor executor() {
    return executor;
  }

  /** Creates a namespace. */
  public Namespace namespace(String name) {
    return admin.resources(Namespace.class).create(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
  }

  @Override
  public void close() throws Exception {
    server.close();
    store.close();
    executor.close();
  }
}
