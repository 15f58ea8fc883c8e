package io.capstan.runtime.apiserver.resource;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The kinds the API server serves right now: the kinds of the build (built-in and plugin kinds,
 * fixed at start) plus the kinds CustomResourceDefinitions add and remove while it runs. Readers
 * get an immutable {@link KindRegistry} snapshot that never blocks; a change builds a new snapshot
 * and tells the listeners (watch caches, discovery). Thread-safe.
 */
public final class ServedKinds {

  private final KindRegistry base;
  private final Map<String, List<ResourceKind>> added = new LinkedHashMap<>();
  private final Map<String, ScalePaths> scalePaths = new HashMap<>();
  private final List<Consumer<KindRegistry>> listeners = new CopyOnWriteArrayList<>();
  private volatile KindRegistry current;

  public ServedKinds(KindRegistry base) {
    this.base = requireNonNull(base, "base");
    this.current = base;
  }

  /** The kinds served now; an immutable snapshot. */
  public KindRegistry current() {
    return current;
  }

  /** Whether the kind is one of the build's own (not added at run time). */
  public boolean isBuiltIn(ResourceKind kind) {
    return base.byResource(kind.group(), kind.plural()).isPresent();
  }

  /**
   * Serves {@code kinds} on behalf of {@code owner} (a CRD's name), replacing what that owner served
   * before.
   *
   * @throws IllegalArgumentException when a kind clashes with one another owner serves; nothing changes
   */
  public void put(String owner, List<ResourceKind> kinds, Optional<ScalePaths> scale) {
    requireNonNull(owner, "owner");
    requireNonNull(kinds, "kinds");
    KindRegistry next;
    synchronized (this) {
      Map<String, List<ResourceKind>> candidate = new LinkedHashMap<>(added);
      candidate.put(owner, List.copyOf(kinds));
      next = build(candidate);
      added.put(owner, List.copyOf(kinds));
      kinds.forEach(k -> scale.ifPresentOrElse(s -> scalePaths.put(key(k), s), () -> scalePaths.remove(key(k))));
      current = next;
    }
    listeners.forEach(l -> l.accept(next));
  }

  /** Stops serving what {@code owner} added; a no-op when it added nothing. */
  public void remove(String owner) {
    KindRegistry next;
    synchronized (this) {
      List<ResourceKind> gone = added.remove(requireNonNull(owner, "owner"));
      if (gone == null) {
        return;
      }
      gone.forEach(k -> scalePaths.remove(key(k)));
      next = build(added);
      current = next;
    }
    listeners.forEach(l -> l.accept(next));
  }

  /** The kinds {@code owner} serves now. */
  public synchronized List<ResourceKind> servedBy(String owner) {
    return added.getOrDefault(owner, List.of());
  }

  /** Where a custom kind keeps its replica counts and selector, when it declares a scale subresource. */
  public synchronized Optional<ScalePaths> scalePaths(ResourceKind kind) {
    return Optional.ofNullable(scalePaths.get(key(kind)));
  }

  /** Called with the new snapshot after every change, on the changing thread. */
  public void onChange(Consumer<KindRegistry> listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  private KindRegistry build(Map<String, List<ResourceKind>> extra) {
    List<ResourceKind> all = new ArrayList<>(base.all());
    extra.values().forEach(all::addAll);
    return KindRegistry.of(all);
  }

  private static String key(ResourceKind kind) {
    return kind.group() + "/" + kind.version() + "/" + kind.plural();
  }

  /**
   * A CRD's scale subresource: JSON paths ({@code .spec.replicas}) of the desired and observed
   * replica counts and, optionally, of the label selector in string form.
   */
  public record ScalePaths(String specReplicasPath, String statusReplicasPath, Optional<String> labelSelectorPath) {
    public ScalePaths {
      requireNonNull(specReplicasPath, "specReplicasPath");
      requireNonNull(statusReplicasPath, "statusReplicasPath");
      requireNonNull(labelSelectorPath, "labelSelectorPath");
    }
  }
}
