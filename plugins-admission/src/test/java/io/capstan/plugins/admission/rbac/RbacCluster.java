package io.capstan.plugins.admission.rbac;

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
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.tck.store.ReferenceStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real API server in this JVM (reference store, Kubernetes validation, the RBACEscalation
 * admission plugin), its in-process admin client, shared informers, and the RBAC authorizer
 * reading them: what the RBAC tests run against.
 */
final class RbacCluster implements AutoCloseable {

  static final UserInfo ADMIN =
      UserInfo.of("system:capstan", UserInfo.GROUP_MASTERS, UserInfo.GROUP_AUTHENTICATED);

  final ReferenceStore store = ReferenceStore.create();
  final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  final WallClock clock = new WallClock();
  final ApiServer server;
  final ApiClient admin;
  final DefaultInformerFactory informers;
  final RbacAuthorizer authorizer;
  final RbacEscalation escalation;

  RbacCluster(Path dataDir, boolean bootstrapPolicy) throws Exception {
    this(dataDir, bootstrapPolicy, null);
  }

  /** With {@code chain} as the authorizers the escalation plugin asks; null: RBAC alone. */
  RbacCluster(Path dataDir, boolean bootstrapPolicy, List<Authorizer> chain) throws Exception {
    store.start();
    ApiClient[] client = new ApiClient[1];
    DefaultInformerFactory[] factory = new DefaultInformerFactory[1];
    authorizer = new RbacAuthorizer(new RbacAuthorizerConfig(bootstrapPolicy), () -> client[0],
        () -> factory[0], executor);
    escalation = new RbacEscalation(() -> factory[0], () -> chain == null ? List.of(authorizer) : chain);
    ApiServerSettings settings = new ApiServerSettings("127.0.0.1", 0, null, null, null, 1000,
        Duration.ofSeconds(1), 16);
    server = new ApiServer(settings, dataDir, store, KindRegistry.builtIn(), List.of(escalation),
        ObjectValidator.KUBERNETES, clock, executor, ApiExtensions.NONE, NonResourceEndpoints.NONE);
    admin = client(ADMIN);
    client[0] = admin;
    informers = new DefaultInformerFactory(admin, executor, clock);
    factory[0] = informers;
    server.start();
    authorizer.start();
    escalation.start();
    informers.start(); // as the host does once its plugins have asked for their informers
    await().atMost(Duration.ofSeconds(20)).until(() -> authorizer.isReady() && escalation.isReady());
    if (bootstrapPolicy) {
      // the default policy is written; wait until both indexes have seen its last role and binding
      await().atMost(Duration.ofSeconds(10)).until(() -> seesDefaultPolicy(authorizer.cache())
          && seesDefaultPolicy(escalation.cache()));
    }
  }

  private static boolean seesDefaultPolicy(RbacPolicyCache cache) {
    boolean viewAggregated = cache.roleReferenceRules("ClusterRole", "view", "").map(r -> !r.isEmpty()).orElse(false);
    boolean lastBinding = !cache.rulesFor(UserInfo.anonymous(), "", new java.util.ArrayList<>()).isEmpty();
    return viewAggregated && lastBinding;
  }

  /** An in-process client acting as {@code user}: the full request path with admission. */
  ApiClient client(UserInfo user) {
    return new InProcessApiClient(server.api(), user, executor, Optional.empty());
  }

  @Override
  public void close() throws Exception {
    authorizer.close();
    escalation.close();
    informers.stop();
    server.close();
    store.close();
    executor.close();
  }
}
