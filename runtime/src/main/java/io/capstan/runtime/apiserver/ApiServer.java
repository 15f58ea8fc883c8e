package io.capstan.runtime.apiserver;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.admission.AdmissionChain;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.crd.CrdRegistrar;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.ApiHandler;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.apiserver.http.ServerHttpConfig;
import io.capstan.runtime.apiserver.metrics.ApiMetrics;
import io.capstan.runtime.apiserver.metrics.InstrumentedStore;
import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.NameGenerator;
import io.capstan.runtime.apiserver.resource.ObjectStrategy;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.resource.ServedKinds;
import io.capstan.runtime.apiserver.security.ApiSecurity;
import io.capstan.runtime.apiserver.security.ClusterPki;
import io.capstan.runtime.apiserver.security.ServerTls;
import io.capstan.runtime.apiserver.services.ServiceAllocations;
import io.capstan.runtime.apiserver.services.ServiceAllocator;
import io.capstan.runtime.apiserver.services.ServiceNetworkSettings;
import io.capstan.runtime.apiserver.storage.ObjectCodec;
import io.capstan.runtime.apiserver.storage.ObjectStorage;
import io.capstan.runtime.apiserver.watch.WatchCaches;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.Lifecycle;
import io.capstan.spi.store.Store;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server component: the Kubernetes REST API over the configured store, served by Jetty.
 * On start it creates the system namespaces (default, kube-system, kube-public, kube-node-lease)
 * and their {@code default} ServiceAccounts,
 * and writes a kubeconfig next to the data.
 */
public final class ApiServer implements Lifecycle {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  /** The namespaces every cluster has from its first start. */
  public static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final ApiServerSettings settings;
  private final Path dataDir;
  private final ResourceApi api;
  private final WatchCaches caches;
  private final ApiHandler handler;
  private final ServedKinds served;
  private final CrdRegistrar crds;
  private final ServiceAllocations services;
  private final Optional<ClusterPki> tls;
  private Server server;
  private Path kubeconfig;

  /** A server without authentication or authorization (every caller is the admin), on plain HTTP: for embedding and tests. */
  public ApiServer(ApiServerSettings settings, Path dataDir, Store store, KindRegistry kinds, List<AdmissionPlugin> admission,
      ObjectValidator validator, Clock clock, TaskExecutor executor, ApiExtensions extensions, NonResourceEndpoints documents) {
    this(settings, dataDir, store, new ServedKinds(kinds), admission, validator, clock, executor, extensions, documents);
  }

  /** An open server whose served kinds change as CustomResourceDefinitions are created and deleted. */
  public ApiServer(ApiServerSettings settings, Path dataDir, Store store, ServedKinds kinds, List<AdmissionPlugin> admission,
      ObjectValidator validator, Clock clock, TaskExecutor executor, ApiExtensions extensions, NonResourceEndpoints documents) {
    this(settings, dataDir, store, kinds, admission, validator, clock, executor, extensions, documents,
        ServiceNetworkSettings.DEFAULTS);
  }

  /** An open server that allocates Service addresses and node ports from {@code network}'s ranges. */
  public ApiServer(ApiServerSettings settings, Path dataDir, Store store, ServedKinds kinds, List<AdmissionPlugin> admission,
      ObjectValidator validator, Clock clock, TaskExecutor executor, ApiExtensions extensions, NonResourceEndpoints documents,
      ServiceNetworkSettings network) {
    this(settings, dataDir, store, kinds, admission, validator, clock, executor, extensions, documents, network,
        ApiSecurity.open(), Optional.empty());
  }

  /**
   * A server that authenticates and authorizes every request with {@code security}, over HTTPS with
   * {@code pki}'s serving certificate when {@code settings.tls().enabled()}.
   */
  public ApiServer(ApiServerSettings settings, Path dataDir, Store store, KindRegistry kinds, List<AdmissionPlugin> admission,
      ObjectValidator validator, Clock clock, TaskExecutor executor, ApiExtensions extensions, NonResourceEndpoints documents,
      ApiSecurity security, Optional<ClusterPki> pki) {
    this(settings, dataDir, store, new ServedKinds(kinds), admission, validator, clock, executor, extensions, documents,
        ServiceNetworkSettings.DEFAULTS, security, pki);
  }

  /**
   * The whole server: CRD-driven kinds, Service allocation from {@code network}, and every request
   * authenticated and authorized with {@code security}, over HTTPS when {@code settings.tls().enabled()}.
   */
  public ApiServer(ApiServerSettings settings, Path dataDir, Store store, ServedKinds kinds, List<AdmissionPlugin> admission,
      ObjectValidator validator, Clock clock, TaskExecutor executor, ApiExtensions extensions, NonResourceEndpoints documents,
      ServiceNetworkSettings network, ApiSecurity security, Optional<ClusterPki> pki) {
    this.served = requireNonNull(kinds, "kinds");
    this.services = new ServiceAllocations(new ServiceAllocator(store, network.cidr(), network.ports(), new SecureRandom()));
    this.settings = requireNonNull(settings, "settings");
    if (settings.tls().enabled() && pki.isEmpty()) {
      throw new IllegalArgumentException("TLS is enabled but no certificates were given");
    }
    this.tls = settings.tls().enabled() ? pki : Optional.empty();
    this.dataDir = requireNonNull(dataDir, "dataDir");
    ObjectCodec codec = new ObjectCodec();
    ApiMetrics metrics = new ApiMetrics();
    Store timed = new InstrumentedStore(store, metrics);
    ObjectStorage storage = new ObjectStorage(timed, codec);
    this.caches = new WatchCaches(timed, codec, settings.watchCacheSize(), executor, settings.bookmarkInterval());
    metrics.watchers(caches::watcherCount);
    ObjectStrategy strategy = new ObjectStrategy(clock::now, () -> UUID.randomUUID().toString(), new NameGenerator(new SecureRandom()));
    this.api = ResourceApi.create(served, storage, caches, new AdmissionChain(admission, validator), strategy, services);
    this.handler = new ApiHandler(api, extensions, documents, executor, metrics, requireNonNull(security, "security"));
    this.crds = new CrdRegistrar(api, served, executor);
  }

  /** The API in-process: what same-JVM components use instead of HTTP. */
  public ResourceApi api() {
    return api;
  }

  @Override
  public void start() throws Exception {
    // Every kind's watch cache starts now, as Kubernetes' do: a client resuming a watch from a
    // version taken after start-up always finds it in the window.
    api.kinds().all().forEach(caches::of);
    // A CRD's kind gets a cache when it is first served; a deleted CRD's cache goes with it.
    served.onChange(now -> {
      now.all().forEach(caches::of);
      caches.retainOnly(now);
    });
    crds.start();
    bootstrapNamespaces();
    QueuedThreadPool threads = new QueuedThreadPool(settings.maxRequestThreads(), 8);
    threads.setName("capstan-api");
    threads.setDaemon(true);
    server = new Server(threads);
    ServerConnector connector;
    if (tls.isPresent()) {
      connector = ServerTls.connector(server, tls.get(), settings.bind(), settings.port(), ServerHttpConfig.create());
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(ServerHttpConfig.create()));
      connector.setHost(settings.bind());
      connector.setPort(settings.port());
    }
    server.addConnector(connector);
    server.setHandler(handler);
    server.setErrorHandler(new io.capstan.runtime.apiserver.http.StatusErrorHandler());
    server.start();
    services.start(api, address());
    kubeconfig = Kubeconfig.write(dataDir, url(), tls);
    handler.ready();
    log.info("API server listening at {}", url());
  }

  /** The URL clients use, with the port actually bound. */
  public String url() {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    String host = settings.bind().equals("0.0.0.0") ? "127.0.0.1" : settings.bind();
    return (tls.isPresent() ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(settings.bind(), ((ServerConnector) server.getConnectors()[0]).getLocalPort());
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  private void bootstrapNamespaces() {
    ResourceKind namespaces = api.kinds().byResource("", "namespaces").orElseThrow();
    UserInfo system = UserInfo.of("system:apiserver", UserInfo.GROUP_MASTERS);
    for (String name : SYSTEM_NAMESPACES) {
      try {
        api.writes().create(ApiRequest.of(namespaces, "", name, system),
            new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
      } catch (AlreadyExistsException existing) {
        // created on an earlier start
      }
    }
    bootstrapServiceAccounts(system);
  }

  /**
   * The {@code default} ServiceAccount of each system namespace, which the ServiceAccount admission
   * plugin requires of every pod there (other namespaces get theirs from the serviceaccount controller).
   */
  private void bootstrapServiceAccounts(UserInfo system) {
    api.kinds().byResource("", "serviceaccounts").ifPresent(accounts -> {
      for (String namespace : SYSTEM_NAMESPACES) {
        try {
          api.writes().create(ApiRequest.of(accounts, namespace, "default", system),
              new ServiceAccountBuilder().withNewMetadata().withName("default").withNamespace(namespace).endMetadata().build());
        } catch (AlreadyExistsException existing) {
          // created on an earlier start, or by the serviceaccount controller
        }
      }
    });
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.stop();
      server = null;
    }
    crds.close();
    services.close();
    caches.close();
  }
}
