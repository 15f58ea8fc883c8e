package io.capstan.plugins.admission.rbac;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.AuthorizationDecision;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.Lifecycle;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' RBAC authorizer: a request is allowed when a rule of a role bound to its user, one of
 * its groups or its service account covers it; otherwise RBAC has no opinion (it never denies), and
 * the reason names missing roles, as Kubernetes does. Members of {@code system:masters} are always
 * allowed, as kube-apiserver's privileged-group authorizer does when RBAC is on, so the control
 * plane's own components work before any binding exists.
 *
 * <p>Reads Roles, ClusterRoles and bindings from the shared informers through an index by subject
 * ({@link RbacPolicyCache}). On start it also writes Kubernetes' default roles and bindings
 * ({@link RbacBootstrapPolicy}) in the background, retrying until the API accepts them.
 *
 * <p>The client and the informers arrive through {@link Provider}s: in the API server's process the
 * in-process client is the API server itself, which is built after its authorizers.
 */
public final class RbacAuthorizer implements Authorizer, Lifecycle {

  public static final String NAME = "RBAC";

  private static final Logger LOG = LoggerFactory.getLogger(RbacAuthorizer.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration MAX_RETRY = Duration.ofSeconds(10);

  private final RbacAuthorizerConfig config;
  private final Provider<ApiClient> client;
  private final Provider<InformerFactory> informers;
  private final TaskExecutor executor;
  private final RbacPolicyCache cache = new RbacPolicyCache();
  private volatile boolean closed;
  private volatile boolean bootstrapped;
  private Cancellable pending = () -> false; // guarded by this

  @Inject
  public RbacAuthorizer(RbacAuthorizerConfig config, Provider<ApiClient> client,
      Provider<InformerFactory> informers, TaskExecutor executor) {
    this.config = requireNonNull(config, "config");
    this.client = requireNonNull(client, "client");
    this.informers = requireNonNull(informers, "informers");
    this.executor = requireNonNull(executor, "executor");
  }

  @Override
  public void start() {
    // The host starts the shared informers (after the API server is up); informers asked for
    // after that start at once.
    cache.attach(informers.get());
    if (config.bootstrapPolicy()) {
      executor.execute(() -> bootstrap(FIRST_RETRY));
    } else {
      bootstrapped = true;
    }
  }

  /** True once the RBAC informers have synced and the default policy is in place. */
  public boolean isReady() {
    return cache.hasSynced() && bootstrapped;
  }

  @Override
  public AuthorizationDecision authorize(AuthorizationAttributes request) {
    UserInfo user = request.user();
    if (user.inGroup(UserInfo.GROUP_MASTERS)) {
      return AuthorizationDecision.allow("RBAC: allowed by group \"" + UserInfo.GROUP_MASTERS + "\"");
    }
    RbacGrant[] allowedBy = new RbacGrant[1];
    List<String> errors = cache.visit(user, request.namespace(), (grant, rule) -> {
      if (rule.allows(request)) {
        allowedBy[0] = grant;
        return true;
      }
      return false;
    });
    if (allowedBy[0] != null) {
      return AuthorizationDecision.allow("RBAC: allowed by " + allowedBy[0].describe());
    }
    if (errors.isEmpty()) {
      return AuthorizationDecision.noOpinion();
    }
    return new AuthorizationDecision(io.capstan.spi.auth.Decision.NO_OPINION,
        "RBAC: " + (errors.size() == 1 ? errors.get(0) : errors.toString()));
  }

  RbacPolicyCache cache() {
    return cache;
  }

  private void bootstrap(Duration delay) {
    if (closed) {
      return;
    }
    try {
      new RbacBootstrapper(client.get()).ensure();
      bootstrapped = true;
    } catch (RuntimeException e) {
      Duration next = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
      LOG.warn("RBAC default policy not written yet ({}); retrying in {}", e.toString(), delay);
      synchronized (this) {
        if (!closed) {
          pending = executor.schedule(delay, () -> bootstrap(next));
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      pending.cancel();
    }
  }
}
