package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scratch space of one scheduling cycle: typed entries that a plugin writes at one extension
 * point (usually PreFilter or PreScore) and reads at later ones for the same pod. The framework
 * creates a fresh one per cycle and drops it after binding.
 *
 * <p>Thread-safe: filters and scores run in parallel over nodes and may read concurrently. The
 * convention, as in Kubernetes, is to write in PreFilter/PreScore (single-threaded) and only read in
 * Filter/Score; data a plugin mutates later must be thread-safe itself.
 *
 * <p>Preemption evaluates "what if these pods were removed" on a {@link #copy()}, which copies every
 * entry through {@link StateData#copy()}, so what it changes does not leak into the real cycle.
 *
 * <pre>{@code
 * static final CycleState.Key<PreFilterState> KEY = CycleState.key("PreFilterNodeResourcesFit",
 *     PreFilterState.class);
 * state.write(KEY, new PreFilterState(requests));       // in preFilter
 * PreFilterState s = state.read(KEY).orElseThrow();      // in filter
 * }</pre>
 */
public final class CycleState {

  /** An entry's value; {@link #copy()} must return an independent copy (or {@code this} if immutable). */
  public interface StateData {
    StateData copy();
  }

  /**
   * A typed key. Keys are equal when their names are; by convention the name is the plugin's name
   * plus what it holds, so two plugins cannot collide.
   */
  public record Key<T extends StateData>(String name, Class<T> type) {
    public Key {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key<?> k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }

  private final Map<String, StateData> data;
  private final Set<String> skipFilterPlugins;
  private final Set<String> skipScorePlugins;

  public CycleState() {
    this(new ConcurrentHashMap<>(), ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
  }

  private CycleState(Map<String, StateData> data, Set<String> skipFilter, Set<String> skipScore) {
    this.data = data;
    this.skipFilterPlugins = skipFilter;
    this.skipScorePlugins = skipScore;
  }

  public static <T extends StateData> Key<T> key(String name, Class<T> type) {
    return new Key<>(name, type);
  }

  /** Stores {@code value} under {@code key}, replacing any previous value. */
  public <T extends StateData> void write(Key<T> key, T value) {
    requireNonNull(key, "key");
    data.put(key.name(), key.type().cast(requireNonNull(value, "value")));
  }

  /**
   * The value under {@code key}, or empty if none was written this cycle (for instance because the
   * PreFilter that writes it returned SKIP).
   *
   * @throws ClassCastException if the entry was written with a different type under the same name
   */
  public <T extends StateData> Optional<T> read(Key<T> key) {
    requireNonNull(key, "key");
    return Optional.ofNullable(data.get(key.name())).map(key.type()::cast);
  }

  public void delete(Key<?> key) {
    data.remove(requireNonNull(key, "key").name());
  }

  /**
   * The plugins whose Filter the framework skips this cycle because their PreFilter returned
   * SKIP; maintained by the framework, read-only for plugins.
   */
  public Set<String> skipFilterPlugins() {
    return skipFilterPlugins;
  }

  /** Like {@link #skipFilterPlugins()}, for Score after a PreScore SKIP. */
  public Set<String> skipScorePlugins() {
    return skipScorePlugins;
  }

  /** A deep copy: every entry copied with {@link StateData#copy()}, the skip sets copied. */
  public CycleState copy() {
    Map<String, StateData> copied = new ConcurrentHashMap<>();
    data.forEach((k, v) -> copied.put(k, requireNonNull(v.copy(), "copy() of " + k)));
    Set<String> skipFilter = ConcurrentHashMap.newKeySet();
    skipFilter.addAll(skipFilterPlugins);
    Set<String> skipScore = ConcurrentHashMap.newKeySet();
    skipScore.addAll(skipScorePlugins);
    return new CycleState(copied, skipFilter, skipScore);
  }
}
