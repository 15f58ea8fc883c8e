package io.capstan.plugins.controllers.shared;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.Lister;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creation and deletion expectations (Kubernetes' {@code ControllerExpectations} and
 * {@code UIDTrackingControllerExpectations}): after an owner creates or deletes pods, it does not
 * act on its pod count again until its cache has caught up with those writes, so a slow watch never
 * makes it create or delete twice.
 *
 * <p>Kubernetes counts informer events; Capstan checks the cache itself, which needs no event hook:
 * a created pod is observed once it is in the pods cache or the cache has applied a
 * resourceVersion at least as new as the pod's creation; a deleted pod is observed once the cache
 * no longer has it, or has it with a deletion timestamp or another uid. Expectations older than
 * five minutes ({@code ExpectationsTimeout}) are dropped, so a lost event cannot stall an owner.
 * One instance per controller; the ReplicaSet, ReplicationController, DaemonSet and Job
 * controllers all use this class. Thread-safe (a slow-start batch records from several threads).
 */
public final class Expectations {

  /** Kubernetes' {@code ExpectationsTimeout}. */
  public static final Duration TIMEOUT = Duration.ofMinutes(5);

  private static final class Pending {
    final Map<String, Long> created = new HashMap<>(); // pod name -> resourceVersion of the create
    final Map<String, String> deleted = new HashMap<>(); // pod name -> uid
    Instant since;
  }

  private final Map<ObjectKey, Pending> pending = new HashMap<>();

  /** Records a pod this owner created (the object the API returned). */
  public synchronized void expectCreated(ObjectKey owner, Pod created, Instant now) {
    Pending p = pending.computeIfAbsent(requireNonNull(owner, "owner"), k -> new Pending());
    p.since = now;
    p.created.put(created.getMetadata().getName(), version(created.getMetadata().getResourceVersion()).orElse(Long.MAX_VALUE));
  }

  /** Records a pod this owner asked to delete. */
  public synchronized void expectDeleted(ObjectKey owner, Pod deleted, Instant now) {
    Pending p = pending.computeIfAbsent(requireNonNull(owner, "owner"), k -> new Pending());
    p.since = now;
    p.deleted.put(deleted.getMetadata().getName(), deleted.getMetadata().getUid());
  }

  /** Records a whole sync's writes at once. */
  public synchronized void expect(ObjectKey owner, Collection<Pod> created, Collection<Pod> deleted, Instant now) {
    created.forEach(pod -> expectCreated(owner, pod, now));
    deleted.forEach(pod -> expectDeleted(owner, pod, now));
  }

  /**
   * True when every write of the owner has been observed in {@code pods} (whose informer has
   * applied {@code cacheVersion}), or the expectations expired.
   */
  public synchronized boolean satisfied(ObjectKey owner, Lister<Pod> pods, String cacheVersion, Instant now) {
    Pending p = pending.get(owner);
    if (p == null) {
      return true;
    }
    long seen = version(cacheVersion).orElse(-1L);
    p.created.entrySet().removeIf(e -> e.getValue() <= seen || pods.get(owner.namespace(), e.getKey()).isPresent());
    p.deleted.entrySet().removeIf(e -> pods.get(owner.namespace(), e.getKey())
        .map(pod -> pod.getMetadata().getDeletionTimestamp() != null || !e.getValue().equals(pod.getMetadata().getUid()))
        .orElse(true));
    if ((p.created.isEmpty() && p.deleted.isEmpty()) || Duration.between(p.since, now).compareTo(TIMEOUT) > 0) {
      pending.remove(owner);
      return true;
    }
    return false;
  }

  /** How many writes of the owner are not yet observed (for logs and tests). */
  public synchronized int outstanding(ObjectKey owner) {
    Pending p = pending.get(owner);
    return p == null ? 0 : p.created.size() + p.deleted.size();
  }

  /** Forgets an owner (deleted). */
  public synchronized void clear(ObjectKey owner) {
    pending.remove(owner);
  }

  /** Names of pods this owner deleted and the cache may still show (to leave out of counts). */
  public synchronized Set<String> deleting(ObjectKey owner) {
    Pending p = pending.get(owner);
    return p == null ? Set.of() : new HashSet<>(p.deleted.keySet());
  }

  private static Optional<Long> version(String resourceVersion) {
    if (resourceVersion == null || resourceVersion.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(resourceVersion));
    } catch (NumberFormatException e) {
      return Optional.empty(); // opaque versions: rely on the cache contents alone
    }
  }
}
