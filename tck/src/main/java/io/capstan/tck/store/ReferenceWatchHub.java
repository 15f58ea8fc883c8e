package io.capstan.tck.store;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.StoreException;
import io.capstan.spi.store.WatchListener;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The watches of a {@link ReferenceStore} and the one thread that serves them all: it waits on the
 * store's lock, asks each watch for its next response, then calls the listeners without the lock.
 * Methods other than {@link #start()} and {@link #join()} are called with the store's lock held.
 */
final class ReferenceWatchHub {

  private final Object lock;
  private final ReferenceHistory history;
  private final List<ReferenceWatch> watches = new ArrayList<>(); // guarded by lock
  private boolean closing; // guarded by lock
  private Thread thread;

  ReferenceWatchHub(Object lock, ReferenceHistory history) {
    this.lock = requireNonNull(lock, "lock");
    this.history = requireNonNull(history, "history");
  }

  void start() {
    thread = new Thread(this::loop, "reference-store-watch");
    thread.setDaemon(true);
    thread.start();
  }

  ReferenceWatch register(WatchRequest request, WatchListener listener, long startRevision) {
    ReferenceWatch watch = new ReferenceWatch(request, listener, startRevision, this::forget);
    watches.add(watch);
    lock.notifyAll();
    return watch;
  }

  /** Asks the chosen watches for a Progress once they have caught up. */
  void requestProgress(Predicate<WatchRequest> which) {
    watches.stream().filter(w -> which.test(w.request)).forEach(w -> w.progressWanted = true);
    lock.notifyAll();
  }

  /** Fails every watch; the thread ends once they have all been told. */
  void close() {
    closing = true;
    lock.notifyAll();
  }

  /** Waits for the thread to finish, unless called from it (a listener closing the store). */
  void join() throws InterruptedException {
    if (thread != null && thread != Thread.currentThread()) {
      thread.join(Duration.ofSeconds(10).toMillis());
    }
  }

  private void forget(ReferenceWatch watch) {
    synchronized (lock) {
      watches.remove(watch);
    }
  }

  private void loop() {
    while (true) {
      List<Map.Entry<ReferenceWatch, WatchResponse>> batch = new ArrayList<>();
      boolean finished;
      synchronized (lock) {
        while (true) {
          for (ReferenceWatch w : List.copyOf(watches)) {
            Optional<WatchResponse> next = w.next(history, closing);
            next.ifPresent(r -> batch.add(Map.entry(w, r)));
            if (next.isPresent() && next.get().isTerminal()) {
              watches.remove(w);
            }
          }
          finished = closing && watches.isEmpty();
          if (!batch.isEmpty() || finished) {
            break;
          }
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      // Listeners run without the lock, so they may call the store (and cancel) freely.
      for (Map.Entry<ReferenceWatch, WatchResponse> entry : batch) {
        ReferenceWatch w = entry.getKey();
        Throwable thrown = w.deliver(entry.getValue());
        if (thrown != null && !entry.getValue().isTerminal()) {
          long last;
          synchronized (lock) {
            watches.remove(w);
            last = w.lastDelivered();
          }
          w.deliver(new WatchResponse.Failed(last, new StoreException("the listener threw", thrown)));
        }
      }
      if (finished) {
        return;
      }
    }
  }
}
