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
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Optional;
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
 * needs one; namespace keys are not uids and are ignored. Kinds that share a Java class (plugin kinds
 * and the kinds of CustomResourceDefinitions, held as {@code GenericKubernetesResource}) are watched
 * through per-kind informers ({@link KindMonitors}); CRDs are followed as they are established and
 * deleted, with keys {@code ObjectKey(CRD_KEYS, crdName)} (a namespace name never has a dot).
 */
public final class GarbageCollector implements Controller {

  public static final String NAME = ControllerNames.GARBAGE_COLLECTOR;
  static final String FOREGROUND = "foregroundDeletion";
  static final String ORPHAN = "orphan";

  private final GarbageCollectorConfig config;
  private final KindRegistry kinds;
  static final String CRD_KEYS = "customresourcedefinitions.apiextensions.k8s.io";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GarbageCollector.class);

  private final OwnerGraph graph = new OwnerGraph();
  private final CustomKinds custom;
  private volatile Optional<KindMonitors> monitors = Optional.empty();
  private volatile java.util.function.Consumer<ObjectKey> queue = key -> { };

  @Inject
  public GarbageCollector(GarbageCollectorConfig config, KindRegistry kinds) {
    this.config = requireNonNull(config, "config");
    this.kinds = requireNonNull(kinds, "kinds");
    this.custom = new CustomKinds(kinds);
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
      if (collectable(kind) && kinds.forClass(kind.javaType()).isPresent()) {
        watch(setup, kind, kind.javaType());
      }
    }
    try {
      queue = setup.queue();
    } catch (UnsupportedOperationException noQueue) {
      LOG.warn("garbage collector: the controller host gives no queue access; kinds that share a Java class and"
          + " custom resources are not collected");
      return;
    }
    KindMonitors kindMonitors = new KindMonitors(setup.informers(), queue, this::mapper);
    monitors = Optional.of(kindMonitors);
    for (ResourceKind kind : kinds.all()) {
      if (collectable(kind) && kinds.forClass(kind.javaType()).isEmpty()) {
        kindMonitors.start(kind.apiVersion() + "/" + kind.plural(), kind);
      }
    }
    if (kinds.forClass(CustomResourceDefinition.class).isPresent()) {
      setup.watch(CustomResourceDefinition.class, crd -> Set.of(new ObjectKey(CRD_KEYS, crd.getMetadata().getName())));
    }
  }

  boolean collectable(ResourceKind kind) {
    return !config.ignoredResources().contains(kind.qualifiedResource())
        && kind.verbs().containsAll(java.util.List.of("list", "watch", "delete"));
  }

  private <T extends HasMetadata> void watch(ControllerSetup setup, ResourceKind kind, Class<T> type) {
    Lister<T> lister = setup.informers().sharedInformer(type).lister();
    setup.watch(type, mapper(kind, lister));
  }

  /** Updates the graph from an event and says which uids to look at (Kubernetes' {@code processGraphChanges}). */
  <T extends HasMetadata> EventMapper<T> mapper(ResourceKind kind, Lister<T> lister) {
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
      Optional<OwnerGraph.Node> previous = graph.upsert(node);
      previous.ifPresent(p -> p.owners().forEach(ref -> addOwner(keys, ref)));
      // As Kubernetes' processGraphChanges: a dependent is looked at when its references change, or
      // when it is new and an owner is not in the graph (absent, or not observed yet) — not at every
      // status change of a pod whose owners are all known.
      boolean referencesChanged = previous.map(p -> !p.owners().equals(node.owners())).orElse(false);
      boolean newWithUnknownOwner = previous.isEmpty()
          && node.owners().stream().anyMatch(ref -> ref.getUid() == null || graph.get(ref.getUid()).isEmpty());
      if (referencesChanged || newWithUnknownOwner) {
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
    if (CRD_KEYS.equals(key.namespace())) {
      monitors.ifPresent(m -> followCrd(m, key.name(), ctx));
      return Result.done();
    }
    return graph.get(key.name()).map(node -> new Collection(custom, graph, ctx).process(node)).orElse(Result.done());
  }

  /**
   * Watches the kind of an established CRD (its storage version) until the CRD is gone — also while it
   * is being deleted, so the deletion of its objects reaches their dependents — then forgets its objects
   * and looks at their dependents, whose owners they were.
   */
  private void followCrd(KindMonitors m, String name, ControllerContext ctx) {
    String owner = "crd/" + name;
    Optional<CustomResourceDefinition> crd = ctx.lister(CustomResourceDefinition.class).get("", name);
    Optional<ResourceKind> want = crd.filter(c -> CustomKinds.established(c) || m.watched(owner).isPresent())
        .flatMap(CustomKinds::watched);
    if (want.isPresent()) {
      custom.put(name, CustomKinds.of(crd.get()));
      if (!want.equals(m.watched(owner))) {
        m.start(owner, want.get());
      }
      return;
    }
    if (crd.isEmpty()) {
      m.stop(owner).ifPresent(kind -> graph.removeKind(kind.group(), kind.kind())
          .forEach(gone -> graph.dependentsOf(gone.uid()).forEach(d -> queue.accept(key(d.uid())))));
      custom.remove(name);
    }
  }

  /** Objects observed (for tests). */
  public int observed() {
    return graph.size();
  }
}
