package io.capstan.plugins.controllers.garbagecollector;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.Lister;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventMapper;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;

/**
 * Kubernetes' garbage collector. It watches every kind the API serves (one shared informer each),
 * keeps an ownership graph from the objects' {@code ownerReferences}, and by the uid of an object:
 *
 * <ul>
 *   <li>deletes a dependent whose owners are all gone (absent, or present under another uid), and
 *       drops the references to the gone ones when some owners remain (background deletion);
 *   <li>for an owner deleted in the foreground ({@code foregroundDeletion} finalizer), deletes its
 *       dependents and removes the finalizer once no dependent with {@code blockOwnerDeletion} is left;
 *   <li>for an owner deleted with {@code orphan} propagation, removes its reference from every
 *       dependent, then the {@code orphan} finalizer.
 * </ul>
 *
 * <p>Queue keys are {@code ObjectKey("", uid)}. The primary kind is Namespace only because the host
 * needs one; namespace keys are not uids and are ignored. Kinds several custom resources share one
 * Java class for cannot be watched through typed informers and are left out (see the README).
 */
public final class GarbageCollector implements Controller {

  public static final String NAME = ControllerNames.GARBAGE_COLLECTOR;
  static final String FOREGROUND = "foregroundDeletion";
  static final String ORPHAN = "orphan";

  private final GarbageCollectorConfig config;
  private final KindRegistry kinds;
  private final OwnerGraph graph = new OwnerGraph();

  @Inject
  public GarbageCollector(GarbageCollectorConfig config, KindRegistry kinds) {
    this.config = requireNonNull(config, "config");
    this.kinds = requireNonNull(kinds, "kinds");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<? extends HasMetadata> primaryType() {
    return Namespace.class;
  }

  @Override
  public int defaultWorkers() {
    return config.workers();
  }

  @Override
  public void setup(ControllerSetup setup) {
    for (ResourceKind kind : kinds.all()) {
      if (collectable(kind)) {
        watch(setup, kind, kind.javaType());
      }
    }
  }

  boolean collectable(ResourceKind kind) {
    return !config.ignoredResources().contains(kind.qualifiedResource())
        && kind.verbs().containsAll(java.util.List.of("list", "watch", "delete"))
        && kinds.forClass(kind.javaType()).isPresent();
  }

  private <T extends HasMetadata> void watch(ControllerSetup setup, ResourceKind kind, Class<T> type) {
    Lister<T> lister = setup.informers().sharedInformer(type).lister();
    setup.watch(type, mapper(kind, lister));
  }

  /** Updates the graph from an event and says which uids to look at (Kubernetes' {@code processGraphChanges}). */
  private <T extends HasMetadata> EventMapper<T> mapper(ResourceKind kind, Lister<T> lister) {
    return object -> {
      OwnerGraph.Node node = OwnerGraph.nodeOf(object, kind.apiVersion(), kind.kind());
      if (node.uid() == null) {
        return Set.of();
      }
      Set<ObjectKey> keys = new HashSet<>();
      boolean gone = lister.get(node.namespace(), node.name())
          .map(current -> !node.uid().equals(current.getMetadata().getUid())).orElse(true);
      if (gone) {
        graph.remove(node.uid());
        graph.dependentsOf(node.uid()).forEach(d -> keys.add(key(d.uid())));
        node.owners().forEach(ref -> addOwner(keys, ref));
        return keys;
      }
      graph.upsert(node).ifPresent(previous -> previous.owners().forEach(ref -> addOwner(keys, ref)));
      if (!node.owners().isEmpty()) {
        keys.add(key(node.uid()));
      }
      if (node.deleting() && (node.hasFinalizer(FOREGROUND) || node.hasFinalizer(ORPHAN))) {
        keys.add(key(node.uid()));
      }
      node.owners().forEach(ref -> addOwner(keys, ref));
      return keys;
    };
  }

  /** An owner being deleted in the foreground or orphaning looks again when a dependent changes. */
  private void addOwner(Set<ObjectKey> keys, OwnerReference ref) {
    if (ref.getUid() != null) {
      graph.get(ref.getUid()).filter(OwnerGraph.Node::deleting).ifPresent(owner -> keys.add(key(owner.uid())));
    }
  }

  private static ObjectKey key(String uid) {
    return new ObjectKey("", uid);
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    return graph.get(key.name()).map(node -> new Collection(kinds, graph, ctx).process(node)).orElse(Result.done());
  }

  /** Objects observed (for tests). */
  public int observed() {
    return graph.size();
  }
}
