package io.capstan.plugins.controllers.namespace;

import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' namespace controller: when a namespace is deleted (deletionTimestamp set, phase
 * Terminating) it deletes every namespaced object of every kind the API server serves, plugin kinds
 * included, waits until they are gone (their finalizers are honoured: it only deletes), then removes
 * its {@code kubernetes} finalizer from spec.finalizers, upon which the API server removes the
 * namespace. Progress is reported in Kubernetes' status conditions.
 */
public final class NamespaceController implements Controller {

  static final String FINALIZER = "kubernetes";
  /** How long to wait before looking again while content remains (objects are not watched). */
  static final Duration RECHECK = Duration.ofSeconds(2);
  private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);

  private final KindRegistry kinds;

  @Inject
  public NamespaceController(KindRegistry kinds) {
    this.kinds = Objects.requireNonNull(kinds, "kinds");
  }

  @Override
  public String name() {
    return ControllerNames.NAMESPACE;
  }

  @Override
  public Class<Namespace> primaryType() {
    return Namespace.class;
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    Optional<Namespace> cached = ctx.lister(Namespace.class).get("", key.name());
    if (cached.isEmpty() || cached.get().getMetadata().getDeletionTimestamp() == null) {
      return Result.done();
    }
    Namespace namespace = cached.get();
    NamespaceContent content = NamespaceContent.deleteAll(kinds, key.name(), ctx);
    NamespaceStatus status = namespace.getStatus() == null ? new NamespaceStatus() : DeepCopy.of(namespace.getStatus());
    status.setPhase("Terminating");
    status.setConditions(content.conditions(ctx.clock().now(), status.getConditions()));
    if (!status.equals(namespace.getStatus())) {
      Namespace copy = DeepCopy.of(namespace);
      copy.setStatus(status);
      namespace = ctx.client().resources(Namespace.class).updateStatus(copy);
    }
    if (!content.empty()) {
      log.debug("{}: waiting for {} objects to go", key, content.remaining());
      return Result.requeueAfter(RECHECK);
    }
    List<String> finalizers = namespace.getSpec() == null || namespace.getSpec().getFinalizers() == null
        ? List.of() : namespace.getSpec().getFinalizers();
    if (finalizers.contains(FINALIZER)) {
      Namespace copy = DeepCopy.of(namespace);
      List<String> rest = new ArrayList<>(finalizers);
      rest.remove(FINALIZER);
      copy.getSpec().setFinalizers(rest);
      try {
        ctx.client().resources(Namespace.class).update(copy);
        log.info("{}: namespace emptied; finalized", key);
      } catch (NotFoundException gone) {
        return Result.done();
      }
    }
    return Result.done();
  }

  static List<NamespaceCondition> keep(List<NamespaceCondition> conditions) {
    return conditions == null ? List.of() : conditions;
  }
}
