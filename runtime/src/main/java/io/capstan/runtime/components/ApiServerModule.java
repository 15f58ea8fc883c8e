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
import io.capstan.runtime.apiserver.security.ApiSecurity;
import io.capstan.runtime.apiserver.security.AuthenticatorChain;
import io.capstan.runtime.apiserver.security.AuthorizerChain;
import io.capstan.runtime.apiserver.security.ClusterPki;
import io.capstan.runtime.apiserver.security.ServiceAccountTokens;
import com.google.inject.Key;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.ClusterTrust;
import java.util.Map;
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

  @Override
  protected void configure() {
    // Authenticator plugins (x509, service-account) verify against this server's CA and signing key.
    OptionalBinder.newOptionalBinder(binder(), ClusterTrust.class).setBinding()
        .to(Key.get(ClusterTrust.class, Names.named("apiserver")));
  }

  /** The cluster CA, serving and admin certificates and the service-account key, under DATA/pki. */
  @Provides
  @Singleton
  ClusterPki pki(ApiServerSettings settings, KernelPlan plan, Clock clock) {
    return ClusterPki.loadOrCreate(plan.resolvePath(plan.runtime().dataDir()).resolve("pki"), settings.tls().extraSans(), clock.now());
  }

  @Provides
  @Singleton
  @Named("apiserver")
  ClusterTrust trust(ClusterPki pki) {
    return new ClusterTrust(List.of(pki.ca()), List.of(pki.serviceAccountKeys().getPublic()), ClusterTrust.DEFAULT_ISSUER);
  }

  /** Steps 1 and 2 of the request path over the configured chains; the server signs service-account tokens with the pki's key. */
  @Provides
  @Singleton
  ApiSecurity security(Map<String, Authenticator> authenticators, Map<String, Authorizer> authorizers, ClusterPki pki) {
    return ApiSecurity.of(new AuthenticatorChain(authenticators), new AuthorizerChain(authorizers))
        .withTokens(new ServiceAccountTokens(pki.serviceAccountKeys(), ClusterTrust.DEFAULT_ISSUER));
  }

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
      List<AdmissionPlugin> admission, Clock clock, TaskExecutor executor, ApiExtensions extensions, ApiSecurity security,
      ClusterPki pki) {
    return new ApiServer(settings, plan.resolvePath(plan.runtime().dataDir()), store, kinds, admission,
        ObjectValidator.KUBERNETES, clock, executor, extensions,
        new DocumentEndpoints(kinds::current, settings.bind() + ":" + settings.port()), network, security, Optional.of(pki));
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
