package io.capstan.tck.store;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.StoreUnavailableException;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchListener;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One watch of a {@link ReferenceStore}: a cursor over the store's history plus the listener. The
 * store computes what to send under its own lock; this class only calls the listener.
 */
final class ReferenceWatch implements Watch {

  final WatchRequest request;
  private final WatchListener listener;
  private final long startRevision;
  private final Consumer<ReferenceWatch> onCancel;

  // Guarded by the store's lock.
  private long next;
  private long lastDelivered;
  boolean progressWanted;

  /**
   * Held while the listener runs, so that {@link #cancel()} from another thread waits for a call in
   * progress and no call starts after cancel returns; reentrant so a listener may cancel itself.
   */
  private final ReentrantLock calling = new ReentrantLock();
  private boolean cancelled; // guarded by calling

  ReferenceWatch(WatchRequest request, WatchListener listener, long startRevision,
      Consumer<ReferenceWatch> onCancel) {
    this.request = requireNonNull(request, "request");
    this.listener = requireNonNull(listener, "listener");
    this.startRevision = startRevision;
    this.next = startRevision;
    this.onCancel = requireNonNull(onCancel, "onCancel");
  }

  @Override
  public long startRevision() {
    return startRevision;
  }

  /**
   * The next response due, if any; called under the store's lock. After a terminal response the
   * store drops the watch.
   *
   * @param closed whether the store is closing, which fails the watch
   */
  Optional<WatchResponse> next(ReferenceHistory history, boolean closed) {
    if (closed) {
      return Optional.of(new WatchResponse.Failed(lastDelivered,
          new StoreUnavailableException("the store was closed")));
    }
    if (next < history.compactRevision()) {
      return Optional.of(new WatchResponse.Compacted(history.compactRevision()));
    }
    while (next <= history.current()) {
      long revision = next++;
      List<WatchEvent> events = history.events(revision).stream()
          .filter(request::accepts)
          .map(e -> request.prevKv() ? e : new WatchEvent(e.type(), e.kv(), Optional.empty()))
          .toList();
      if (!events.isEmpty()) {
        lastDelivered = revision;
        return Optional.of(new WatchResponse.Events(revision, events));
      }
    }
    if (progressWanted) {
      progressWanted = false;
      lastDelivered = history.current();
      return Optional.of(new WatchResponse.Progress(history.current()));
    }
    return Optional.empty();
  }

  /** The revision of the last Events or Progress handed out, 0 if none; under the store's lock. */
  long lastDelivered() {
    return lastDelivered;
  }

  /**
   * Calls the listener unless the watch was cancelled.
   *
   * @return the listener's exception, or null if it returned normally or was not called
   */
  Throwable deliver(WatchResponse response) {
    calling.lock();
    try {
      if (!cancelled) {
        listener.onResponse(response);
      }
      return null;
    } catch (RuntimeException | Error e) {
      // The contract ends the watch when its listener throws; even AssertionError from a test.
      return e;
    } finally {
      calling.unlock();
    }
  }

  @Override
  public void cancel() {
    calling.lock();
    try {
      cancelled = true;
    } finally {
      calling.unlock();
    }
    onCancel.accept(this);
  }
}
