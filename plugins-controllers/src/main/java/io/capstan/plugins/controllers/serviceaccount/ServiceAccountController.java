package io.capstan.plugins.controllers.serviceaccount;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' serviceaccounts-controller: every active namespace has a {@code default}
 * ServiceAccount, recreated when deleted. Keyed by namespace; a ServiceAccount event wakes its
 * namespace only when it is the default one.
 */
public final class ServiceAccountController implements Controller {

  public static final String DEFAULT = "default";
  private static final Logger log = LoggerFactory.getLogger(ServiceAccountController.class);

  @Override
  public String name() {
    return ControllerNames.SERVICEACCOUNT;
  }

  @Override
  public Class<Namespace> primaryType() {
    return Namespace.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.watch(ServiceAccount.class, sa -> DEFAULT.equals(sa.getMetadata().getName())
        ? Set.of(ObjectKey.clusterScoped(sa.getMetadata().getNamespace())) : Set.of());
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    Optional<Namespace> namespace = ctx.lister(Namespace.class).get("", key.name());
    if (namespace.isEmpty() || namespace.get().getMetadata().getDeletionTimestamp() != null
        || (namespace.get().getStatus() != null && "Terminating".equals(namespace.get().getStatus().getPhase()))) {
      return Result.done();
    }
    if (ctx.lister(ServiceAccount.class).get(key.name(), DEFAULT).isPresent()) {
      return Result.done();
    }
    try {
      ctx.client().resources(ServiceAccount.class).create(new ServiceAccountBuilder()
          .withNewMetadata().withName(DEFAULT).withNamespace(key.name()).endMetadata().build());
      log.debug("{}: created the default ServiceAccount", key);
    } catch (AlreadyExistsException raced) {
      // the cache was behind; the next event settles it
    }
    return Result.done();
  }
}
