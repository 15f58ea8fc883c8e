package io.capstan.plugins.controllers.garbagecollector;

import static io.capstan.plugins.controllers.garbagecollector.GarbageCollector.FOREGROUND;
import static io.capstan.plugins.controllers.garbagecollector.GarbageCollector.ORPHAN;

import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.client.PropagationPolicy;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One garbage-collection decision about one object (Kubernetes' {@code attemptToDeleteItem} and friends). */
final class Collection {

  private static final Logger LOG = LoggerFactory.getLogger(Collection.class);

  private final CustomKinds kinds;
  private final OwnerGraph graph;
  private final ControllerContext ctx;

  Collection(CustomKinds kinds, OwnerGraph graph, ControllerContext ctx) {
    this.kinds = kinds;
    this.graph = graph;
    this.ctx = ctx;
  }

  Result process(OwnerGraph.Node node) {
    if (node.deleting() && node.hasFinalizer(FOREGROUND)) {
      return foreground(node);
    }
    if (node.deleting() && node.hasFinalizer(ORPHAN)) {
      return orphan(node);
    }
    if (!node.owners().isEmpty()) {
      return attemptToDelete(node);
    }
    return Result.done();
  }

  /** Deletes the dependents; drops the finalizer once no blocking dependent is left. */
  private Result foreground(OwnerGraph.Node owner) {
    List<OwnerGraph.Node> dependents = graph.dependentsOf(owner.uid());
    boolean blocked = false;
    for (OwnerGraph.Node dependent : dependents) {
      if (!dependent.deleting()) {
        boolean hasOwnDependents = !graph.dependentsOf(dependent.uid()).isEmpty();
        delete(dependent, hasOwnDependents ? PropagationPolicy.FOREGROUND : PropagationPolicy.BACKGROUND);
      }
      blocked |= dependent.owners().stream().anyMatch(r -> owner.uid().equals(r.getUid())
          && Boolean.TRUE.equals(r.getBlockOwnerDeletion()));
    }
    if (!blocked) {
      removeFinalizer(owner, FOREGROUND);
    }
    return Result.done();
  }

  /** Removes the owner's reference from every dependent, then the orphan finalizer. */
  private Result orphan(OwnerGraph.Node owner) {
    for (OwnerGraph.Node dependent : graph.dependentsOf(owner.uid())) {
      editLive(dependent, object -> {
        List<OwnerReference> refs = new ArrayList<>(object.getMetadata().getOwnerReferences());
        boolean changed = refs.removeIf(r -> owner.uid().equals(r.getUid()));
        object.getMetadata().setOwnerReferences(refs.isEmpty() ? null : refs);
        return changed;
      });
    }
    removeFinalizer(owner, ORPHAN);
    return Result.done();
  }

  /**
   * Deletes a dependent whose owners are all gone; drops references to the gone ones otherwise. An
   * owner whose kind cannot be resolved yet (its CRD not seen yet, or no longer served) is never
   * presumed gone: the dependent is looked at again with the queue's backoff, as Kubernetes retries a
   * reference without a REST mapping.
   */
  private Result attemptToDelete(OwnerGraph.Node node) {
    List<String> dangling = new ArrayList<>();
    int solid = 0;
    boolean unresolved = false;
    for (OwnerReference ref : node.owners()) {
      Optional<Boolean> exists = ownerExists(node, ref);
      if (exists.isEmpty()) {
        solid++;
        unresolved = true;
      } else if (exists.get()) {
        solid++;
      } else {
        dangling.add(ref.getUid());
      }
    }
    if (dangling.isEmpty()) {
      return unresolved ? Result.requeue() : Result.done();
    }
    if (solid == 0) {
      LOG.debug("garbage collector: deleting {} {}/{}, its owners are gone", node.kind(), node.namespace(), node.name());
      delete(node, node.hasFinalizer(FOREGROUND) ? PropagationPolicy.FOREGROUND : PropagationPolicy.BACKGROUND);
    } else {
      editLive(node, object -> {
        List<OwnerReference> refs = new ArrayList<>(object.getMetadata().getOwnerReferences());
        return refs.removeIf(r -> dangling.contains(r.getUid())) && set(object, refs);
      });
    }
    return Result.done();
  }

  private static boolean set(HasMetadata object, List<OwnerReference> refs) {
    object.getMetadata().setOwnerReferences(refs);
    return true;
  }

  /** Whether the owner exists with the referenced uid; empty when its kind is unknown. */
  private Optional<Boolean> ownerExists(OwnerGraph.Node dependent, OwnerReference ref) {
    if (ref.getUid() != null && graph.get(ref.getUid()).isPresent()) {
      return Optional.of(true);
    }
    Optional<ResourceKind> kind = kinds.resolve(ref.getApiVersion() == null ? "" : ref.getApiVersion(),
        ref.getKind() == null ? "" : ref.getKind());
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    String namespace = kind.get().namespaced() ? dependent.namespace() : "";
    Optional<? extends HasMetadata> live;
    try {
      live = ctx.client().resources(kind.get()).get(namespace, ref.getName());
    } catch (IllegalArgumentException notServed) {
      return Optional.empty(); // the kind's CRD went away meanwhile: presume nothing
    }
    return Optional.of(live.map(o -> o.getMetadata().getUid().equals(ref.getUid())).orElse(false));
  }

  private void delete(OwnerGraph.Node node, PropagationPolicy policy) {
    try {
      client(node).delete(node.namespace(), node.name(),
          DeleteOptions.DEFAULTS.withPropagationPolicy(policy).withPreconditionUid(node.uid()));
    } catch (NotFoundException | ConflictException gone) {
      // already deleted, or replaced by a newer object of the same name
    }
  }

  private void removeFinalizer(OwnerGraph.Node node, String finalizer) {
    editLive(node, object -> {
      List<String> finalizers = new ArrayList<>(object.getMetadata().getFinalizers() == null ? List.of()
          : object.getMetadata().getFinalizers());
      boolean changed = finalizers.remove(finalizer);
      object.getMetadata().setFinalizers(finalizers);
      return changed;
    });
  }

  /** Reads the object, edits it, writes it back when changed; a conflict propagates (retry). */
  private <T extends HasMetadata> void editLive(OwnerGraph.Node node, java.util.function.Predicate<HasMetadata> edit) {
    @SuppressWarnings("unchecked")
    ResourceClient<T> client = (ResourceClient<T>) client(node);
    Optional<T> live = client.get(node.namespace(), node.name());
    if (live.isEmpty() || !node.uid().equals(live.get().getMetadata().getUid())) {
      return;
    }
    T object = live.get();
    if (object.getMetadata().getOwnerReferences() == null) {
      object.getMetadata().setOwnerReferences(new ArrayList<>());
    }
    if (edit.test(object)) {
      try {
        client.update(object);
      } catch (NotFoundException gone) {
        // deleted meanwhile
      }
    }
  }

  private ResourceClient<? extends HasMetadata> client(OwnerGraph.Node node) {
    ResourceKind kind = kinds.resolve(node.apiVersion(), node.kind())
        .orElseThrow(() -> new IllegalStateException("unknown kind " + node.apiVersion() + " " + node.kind()));
    return ctx.client().resources(kind);
  }
}
