package io.capstan.runtime.client.informer;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.GoneException;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.client.ObjectList;
import io.capstan.spi.client.PatchType;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.client.Watch;
import io.capstan.spi.client.WatchEventType;
import io.capstan.spi.client.WatchHandler;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small in-memory API server for one kind, speaking the {@link ResourceClient} SPI: a revision
 * counter that becomes every object's resourceVersion, an event history for watches that resume
 * from a version, list pages that read a pinned snapshot through continue tokens, compaction (older
 * versions and tokens answer 410 Gone), and knobs to break things: fail the next list or watch,
 * close or drop every open watch, send bookmarks. Watch events go out on the task executor, one
 * serial queue per watch, so they arrive asynchronously and in order, as the SPI promises.
 *
 * <p>Selectors other than the namespace are ignored. Thread-safe (one lock).
 */
final class FakeResourceClient<T extends HasMetadata> implements ResourceClient<T> {

  private record Event<T>(long revision, WatchEventType type, T object) {}

  private record Snapshot<T>(long revision, List<T> items) {}

  /** One list or watch request, with the virtual time it arrived. */
  record Request(ListOptions options, long nanoTime) {}

  private final Class<T> type;
  private final String resource;
  private final TaskExecutor executor;
  private final Clock clock;
  private final TreeMap<ObjectKey, T> objects = new TreeMap<>();
  private final List<Event<T>> history = new ArrayList<>();
  private final List<FakeWatch<T>> watches = new ArrayList<>();
  private final Map<String, Snapshot<T>> snapshots = new HashMap<>();
  private final ArrayDeque<ApiException> listFailures = new ArrayDeque<>();
  private final ArrayDeque<ApiException> watchFailures = new ArrayDeque<>();
  private final List<Request> lists = new ArrayList<>();
  private final List<Request> watchRequests = new ArrayList<>();
  private long revision = 1;
  private long compacted;
  private long nextSnapshot;

  FakeResourceClient(Class<T> type, TaskExecutor executor, Clock clock) {
    this.type = requireNonNull(type, "type");
    this.resource = type.getSimpleName().toLowerCase() + "s";
    this.executor = requireNonNull(executor, "executor");
    this.clock = requireNonNull(clock, "clock");
  }

  // ---- the SPI

  @Override
  public synchronized Optional<T> get(String namespace, String name) {
    return Optional.ofNullable(objects.get(new ObjectKey(namespace, name))).map(DeepCopy::of);
  }

  @Override
  public synchronized ObjectList<T> list(ListOptions options) {
    lists.add(new Request(options, clock.nanoTime()));
    if (!listFailures.isEmpty()) {
      throw listFailures.poll();
    }
    Snapshot<T> snapshot;
    int offset = 0;
    String token = options.continueToken();
    if (token.isEmpty()) {
      snapshot = new Snapshot<>(revision, objects.values().stream()
          .filter(o -> inNamespace(o, options.namespace())).toList());
    } else {
      snapshot = snapshots.get(token.substring(0, token.indexOf(':')));
      if (snapshot == null) {
        throw GoneException.of(resource, -1, compacted + 1);
      }
      offset = Integer.parseInt(token.substring(token.indexOf(':') + 1));
    }
    int end = options.limit() == 0 ? snapshot.items().size()
        : (int) Math.min(snapshot.items().size(), offset + options.limit());
    String next = "";
    if (end < snapshot.items().size()) {
      String id = token.isEmpty() ? "snap" + nextSnapshot++ : token.substring(0, token.indexOf(':'));
      snapshots.put(id, snapshot);
      next = id + ":" + end;
    }
    List<T> page = snapshot.items().subList(offset, end).stream().map(DeepCopy::of).toList();
    return new ObjectList<>(page, Long.toString(snapshot.revision()), next);
  }

  @Override
  public synchronized T create(T object) {
    ObjectKey key = ObjectKey.of(object);
    if (objects.containsKey(key)) {
      throw AlreadyExistsException.of(resource, key.name());
    }
    return store(key, object, WatchEventType.ADDED);
  }

  @Override
  public synchronized T update(T object) {
    ObjectKey key = ObjectKey.of(object);
    T current = objects.get(key);
    if (current == null) {
      throw NotFoundException.of(resource, key.name());
    }
    String expected = object.getMetadata().getResourceVersion();
    if (expected != null && !expected.isEmpty()
        && !expected.equals(current.getMetadata().getResourceVersion())) {
      throw ConflictException.of(resource, key.name());
    }
    return store(key, object, WatchEventType.MODIFIED);
  }

  @Override
  public T updateStatus(T object) {
    return update(object);
  }

  @Override
  public T patch(String namespace, String name, PatchType type, String body) {
    throw new UnsupportedOperationException("the fake API server does not patch");
  }

  @Override
  public synchronized void delete(String namespace, String name, DeleteOptions options) {
    ObjectKey key = new ObjectKey(namespace, name);
    T gone = objects.remove(key);
    if (gone == null) {
      throw NotFoundException.of(resource, name);
    }
    T last = DeepCopy.of(gone);
    last.getMetadata().setResourceVersion(Long.toString(++revision));
    record(WatchEventType.DELETED, last);
  }

  @Override
  public synchronized Watch watch(ListOptions options, WatchHandler<T> handler) {
    watchRequests.add(new Request(options, clock.nanoTime()));
    if (!watchFailures.isEmpty()) {
      throw watchFailures.poll();
    }
    FakeWatch<T> watch = new FakeWatch<>(this, executor, handler, options);
    if (options.resourceVersion().isEmpty()) {
      objects.values().stream().filter(o -> inNamespace(o, options.namespace()))
          .forEach(o -> watch.send(WatchEventType.ADDED, DeepCopy.of(o)));
    } else {
      long from = Long.parseLong(options.resourceVersion());
      if (from < compacted) {
        throw GoneException.of(resource, from, compacted + 1);
      }
      history.stream().filter(e -> e.revision() > from && inNamespace(e.object(), options.namespace()))
          .forEach(e -> watch.send(e.type(), DeepCopy.of(e.object())));
    }
    watches.add(watch);
    return watch;
  }

  // ---- knobs for tests

  /** Forgets history up to now: older resourceVersions and every continue token answer 410. */
  synchronized void compact() {
    compacted = revision;
    history.clear();
    snapshots.clear();
  }

  /** Ends every open watch from the server's side, with {@code cause} (empty: a clean close). */
  void closeWatches(Optional<ApiException> cause) {
    List<FakeWatch<T>> open;
    synchronized (this) {
      open = List.copyOf(watches);
    }
    open.forEach(watch -> watch.end(cause));
  }

  /** A broken connection: every watch ends with a transport error (code 0). */
  void dropConnections() {
    closeWatches(Optional.of(new ApiException(
        new StatusBuilder().withCode(0).withMessage("connection reset by peer").build())));
  }

  /** Every watch ends with 410 Gone, as when the server's watch cache falls too far behind. */
  synchronized void expireWatches() {
    closeWatches(Optional.of(GoneException.of(resource, compacted, revision)));
  }

  synchronized void failNextList(ApiException failure) {
    listFailures.add(failure);
  }

  synchronized void failNextWatch(ApiException failure) {
    watchFailures.add(failure);
  }

  /** A BOOKMARK at the current revision to every watch that asked for bookmarks. */
  synchronized void bookmark() {
    for (FakeWatch<T> watch : watches) {
      if (watch.options().allowWatchBookmarks()) {
        T marker = newInstance();
        marker.getMetadata().setResourceVersion(Long.toString(revision));
        watch.send(WatchEventType.BOOKMARK, marker);
      }
    }
  }

  synchronized String revision() {
    return Long.toString(revision);
  }

  synchronized int openWatches() {
    return watches.size();
  }

  synchronized List<Request> lists() {
    return List.copyOf(lists);
  }

  synchronized List<Request> watchRequests() {
    return List.copyOf(watchRequests);
  }

  synchronized void forget(FakeWatch<T> watch) {
    watches.remove(watch);
  }

  // ---- internals

  private T store(ObjectKey key, T object, WatchEventType type) {
    T stored = DeepCopy.of(object);
    stored.getMetadata().setResourceVersion(Long.toString(++revision));
    objects.put(key, stored);
    record(type, stored);
    return DeepCopy.of(stored);
  }

  private void record(WatchEventType type, T object) {
    history.add(new Event<>(revision, type, object));
    for (FakeWatch<T> watch : watches) {
      if (inNamespace(object, watch.options().namespace())) {
        watch.send(type, DeepCopy.of(object));
      }
    }
  }

  private static boolean inNamespace(HasMetadata object, String namespace) {
    return namespace.isEmpty() || namespace.equals(object.getMetadata().getNamespace());
  }

  private T newInstance() {
    try {
      T instance = type.getDeclaredConstructor().newInstance();
      instance.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
      return instance;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a bookmark " + type.getSimpleName(), e);
    }
  }
}
