package io.capstan.runtime.scheduler.cache;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.scheduler.ImageState;
import io.capstan.spi.scheduler.PodInfo;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's incremental model of the cluster (Kubernetes' {@code internal/cache}): nodes and
 * the pods placed on them, including pods <em>assumed</em> onto a node by a scheduling cycle whose
 * binding has not been observed yet. Assumed pods are confirmed when the informer reports them bound,
 * forgotten when binding fails, and expire a while after their binding finished without the
 * informer confirming it. Thread-safe; one lock, held only for map updates.
 */
public final class SchedulerCache {

  private static final Logger log = LoggerFactory.getLogger(SchedulerCache.class);

  private record PodState(PodInfo pod, String nodeName, boolean assumed, Optional<Instant> deadline) {}

  private final Duration assumedTtl;
  private final Map<String, NodeEntry> nodes = new LinkedHashMap<>();
  private final Map<String, PodState> pods = new HashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private final Map<String, Set<String>> imageNodes = new HashMap<>();
  private final Map<String, Long> imageSizes = new HashMap<>();
  private boolean structural = true;
  private long generation;
  /** Bumped when a Node object itself changes (labels, taints, allocatable, images), not its pods. */
  private long nodeObjects;

  /** @param assumedTtl how long an assumed pod whose binding finished may stay unconfirmed */
  public SchedulerCache(Duration assumedTtl) {
    this.assumedTtl = requireNonNull(assumedTtl, "assumedTtl");
  }

  public synchronized void addNode(Node node) {
    String name = node.getMetadata().getName();
    NodeEntry entry = nodes.computeIfAbsent(name, NodeEntry::new);
    if (entry.node.isEmpty()) {
      structural = true;
    }
    entry.node.ifPresent(old -> removeImages(name, old));
    entry.setNode(node);
    addImages(name, node);
    nodeObjects++;
    touch(entry);
  }

  public synchronized void removeNode(String name) {
    NodeEntry entry = nodes.get(name);
    if (entry == null) {
      return;
    }
    entry.node.ifPresent(old -> removeImages(name, old));
    if (entry.pods.isEmpty()) {
      nodes.remove(name);
    } else {
      entry.node = Optional.empty(); // pods still bound to it are removed by their own deletions
    }
    structural = true;
    nodeObjects++;
    dirty.add(name);
    generation++;
  }

  /** Adds or updates a pod bound to a node, confirming it if it was assumed. */
  public synchronized void addPod(Pod pod) {
    PodInfo info = PodInfos.of(pod);
    String node = pod.getSpec().getNodeName();
    PodState old = pods.get(info.uid());
    if (old != null) {
      removeFromNode(old);
    }
    pods.put(info.uid(), new PodState(info, node, false, Optional.empty()));
    NodeEntry entry = nodes.computeIfAbsent(node, NodeEntry::new);
    entry.addPod(info);
    touch(entry);
  }

  public synchronized void removePod(String uid) {
    PodState old = pods.remove(uid);
    if (old != null) {
      removeFromNode(old);
    }
  }

  /** Places the pod on the node before it is bound, so the next cycle sees the node as used. */
  public synchronized void assumePod(PodInfo pod, String nodeName) {
    if (pods.containsKey(pod.uid())) {
      throw new IllegalStateException("pod " + pod.key() + " is already in the cache, cannot be assumed");
    }
    pods.put(pod.uid(), new PodState(pod, nodeName, true, Optional.empty()));
    NodeEntry entry = nodes.computeIfAbsent(nodeName, NodeEntry::new);
    entry.addPod(pod);
    touch(entry);
  }

  /** The binding of an assumed pod finished; it expires after the TTL unless the informer confirms it. */
  public synchronized void finishBinding(String uid, Instant now) {
    PodState s = pods.get(uid);
    if (s != null && s.assumed()) {
      pods.put(uid, new PodState(s.pod(), s.nodeName(), true, Optional.of(now.plus(assumedTtl))));
    }
  }

  /** Removes an assumed pod whose scheduling or binding failed. */
  public synchronized void forgetPod(String uid) {
    PodState s = pods.get(uid);
    if (s != null && s.assumed()) {
      pods.remove(uid);
      removeFromNode(s);
    }
  }

  public synchronized boolean isAssumed(String uid) {
    PodState s = pods.get(uid);
    return s != null && s.assumed();
  }

  /** Drops assumed pods whose binding finished more than the TTL ago. Returns how many. */
  public synchronized int cleanupExpiredAssumedPods(Instant now) {
    int n = 0;
    for (var it = pods.entrySet().iterator(); it.hasNext(); ) {
      PodState s = it.next().getValue();
      if (s.assumed() && s.deadline().isPresent() && now.isAfter(s.deadline().get())) {
        it.remove();
        removeFromNode(s);
        log.warn("assumed pod {} expired on node {}: its binding was never observed", s.pod().key(), s.nodeName());
        n++;
      }
    }
    return n;
  }

  public synchronized int nodeCount() {
    return (int) nodes.values().stream().filter(e -> e.node.isPresent()).count();
  }

  public synchronized int podCount() {
    return pods.size();
  }

  /** The pods the cache places on a node, assumed ones included. */
  public synchronized List<PodInfo> podsOn(String nodeName) {
    NodeEntry e = nodes.get(nodeName);
    return e == null ? List.of() : List.copyOf(e.pods.values());
  }

  /**
   * Brings {@code snapshot} up to date: only nodes changed since its last update are copied (as
   * Kubernetes' {@code UpdateSnapshot}); the node list is rebuilt only when nodes came or went.
   */
  public synchronized void updateSnapshot(Snapshot snapshot) {
    if (snapshot.generation == generation && !structural) {
      return;
    }
    boolean affinityChanged = structural;
    boolean reshaped = structural;
    snapshot.changed.clear();
    snapshot.updates++;
    for (String name : dirty) {
      snapshot.changed.add(name);
      NodeEntry entry = nodes.get(name);
      SnapshotNodeInfo old = snapshot.byName.get(name);
      if (entry == null || entry.node.isEmpty()) {
        if (snapshot.byName.remove(name) != null) {
          structural = true;
        }
        continue;
      }
      SnapshotNodeInfo fresh = entry.toSnapshot(imageStates(entry.node.get()));
      snapshot.byName.put(name, fresh);
      if (old == null) {
        structural = true;
      } else {
        Integer pos = snapshot.positions.get(name);
        if (pos != null) {
          snapshot.nodes.set(pos, fresh);
        }
        affinityChanged |= !old.podsWithAffinity().isEmpty() || !fresh.podsWithAffinity().isEmpty();
      }
      if (old == null) {
        affinityChanged |= !fresh.podsWithAffinity().isEmpty();
      }
    }
    dirty.clear();
    affinityChanged |= structural;
    if (structural) {
      reshaped = true;
      snapshot.rebuildLists(nodes.keySet());
      structural = false;
    }
    if (affinityChanged) {
      snapshot.rebuildAffinityLists();
      snapshot.affinityVersion++;
    }
    if (reshaped) {
      snapshot.structureVersion++;
    }
    snapshot.nodeObjectVersion = nodeObjects;
    snapshot.generation = generation;
  }

  private void removeFromNode(PodState s) {
    NodeEntry entry = nodes.get(s.nodeName());
    if (entry != null && entry.removePod(s.pod().uid())) {
      touch(entry);
      if (entry.node.isEmpty() && entry.pods.isEmpty()) {
        nodes.remove(entry.name);
      }
    }
  }

  private void touch(NodeEntry entry) {
    entry.generation = ++generation;
    dirty.add(entry.name);
  }

  private Map<String, ImageState> imageStates(Node node) {
    List<ContainerImage> images = node.getStatus() == null || node.getStatus().getImages() == null ? List.of()
        : node.getStatus().getImages();
    if (images.isEmpty()) {
      return Map.of();
    }
    Map<String, ImageState> out = new HashMap<>();
    for (ContainerImage image : images) {
      for (String name : image.getNames() == null ? List.<String>of() : image.getNames()) {
        int spread = imageNodes.getOrDefault(name, Set.of()).size();
        out.put(name, new ImageState(imageSizes.getOrDefault(name, 0L), Math.max(1, spread)));
      }
    }
    return out;
  }

  private void addImages(String nodeName, Node node) {
    if (node.getStatus() == null || node.getStatus().getImages() == null) {
      return;
    }
    for (ContainerImage image : node.getStatus().getImages()) {
      for (String name : image.getNames() == null ? List.<String>of() : image.getNames()) {
        imageNodes.computeIfAbsent(name, k -> new HashSet<>()).add(nodeName);
        imageSizes.put(name, image.getSizeBytes() == null ? 0L : image.getSizeBytes());
      }
    }
  }

  private void removeImages(String nodeName, Node node) {
    if (node.getStatus() == null || node.getStatus().getImages() == null) {
      return;
    }
    for (ContainerImage image : node.getStatus().getImages()) {
      for (String name : image.getNames() == null ? List.<String>of() : image.getNames()) {
        Set<String> on = imageNodes.get(name);
        if (on != null && on.remove(nodeName) && on.isEmpty()) {
          imageNodes.remove(name);
          imageSizes.remove(name);
        }
      }
    }
  }
}
