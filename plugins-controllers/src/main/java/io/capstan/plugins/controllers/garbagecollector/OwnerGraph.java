package io.capstan.plugins.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The garbage collector's view of ownership (Kubernetes' {@code GraphBuilder} without virtual
 * nodes): every observed object by uid, with its owner references, and for every owner uid — seen or
 * not — the uids of its dependents. Updated from informer events; thread-safe.
 */
final class OwnerGraph {

  /** One observed object. */
  record Node(String uid, String apiVersion, String kind, String namespace, String name,
      List<OwnerReference> owners, boolean deleting, List<String> finalizers) {

    boolean hasFinalizer(String finalizer) {
      return finalizers.contains(finalizer);
    }
  }

  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<String, Set<String>> dependents = new HashMap<>();

  static Node nodeOf(HasMetadata object, String apiVersion, String kind) {
    var meta = object.getMetadata();
    return new Node(meta.getUid(), apiVersion, kind, meta.getNamespace() == null ? "" : meta.getNamespace(),
        meta.getName(), meta.getOwnerReferences() == null ? List.of() : List.copyOf(meta.getOwnerReferences()),
        meta.getDeletionTimestamp() != null, meta.getFinalizers() == null ? List.of() : List.copyOf(meta.getFinalizers()));
  }

  /** Records the object's current state; returns the previous one. */
  synchronized Optional<Node> upsert(Node node) {
    Node previous = nodes.put(node.uid(), node);
    if (previous != null) {
      previous.owners().forEach(ref -> unlink(ref.getUid(), node.uid()));
    }
    node.owners().forEach(ref -> {
      if (ref.getUid() != null) {
        dependents.computeIfAbsent(ref.getUid(), k -> new HashSet<>()).add(node.uid());
      }
    });
    return Optional.ofNullable(previous);
  }

  synchronized Optional<Node> remove(String uid) {
    Node previous = nodes.remove(uid);
    if (previous != null) {
      previous.owners().forEach(ref -> unlink(ref.getUid(), uid));
    }
    return Optional.ofNullable(previous);
  }

  private void unlink(String owner, String dependent) {
    if (owner == null) {
      return;
    }
    Set<String> set = dependents.get(owner);
    if (set != null) {
      set.remove(dependent);
      if (set.isEmpty()) {
        dependents.remove(owner);
      }
    }
  }

  synchronized Optional<Node> get(String uid) {
    return Optional.ofNullable(nodes.get(uid));
  }

  /** The observed dependents of an owner uid. */
  synchronized List<Node> dependentsOf(String ownerUid) {
    Set<String> set = dependents.getOrDefault(ownerUid, Set.of());
    return set.stream().map(nodes::get).filter(n -> n != null).toList();
  }

  synchronized int size() {
    return nodes.size();
  }

  /** Forgets every object of a kind (in any version of its group); returns them. */
  synchronized List<Node> removeKind(String group, String kind) {
    List<Node> gone = nodes.values().stream().filter(n -> n.kind().equals(kind)
        && group.equals(n.apiVersion().contains("/") ? n.apiVersion().substring(0, n.apiVersion().indexOf('/')) : ""))
        .toList();
    gone.forEach(n -> remove(n.uid()));
    return gone;
  }
}
