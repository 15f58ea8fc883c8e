package io.capstan.plugins.store.mvcc;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.store.StoreException;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchListener;
import io.capstan.spi.store.WatchRequest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The registry of watches. The writer tells it about each commit with {@link #onCommit()}, which
 * costs the writer one compare-and-set: the fan-out to the watches runs as one task on the
 * executor, and commits that arrive while it is pending share it. Progress notifications come from
 * one periodic task for all watches, not one timer per watch.
 */
final class WatchHub {

  private final Watermarks marks;
  private final RevisionLog log;
  private final TaskExecutor executor;
  private final Set<MvccWatch> watches = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean fanoutPending = new AtomicBoolean();
  private volatile StoreException closed;
  private Cancellable progressTimer = () -> false;

  WatchHub(Watermarks marks, RevisionLog log, TaskExecutor executor) {
    this.marks = marks;
    this.log = log;
    this.executor = executor;
  }

  /** Starts the progress ticker. */
  void start(Duration progressInterval) {
    progressTimer = executor.scheduleAtFixedRate(progressInterval, progressInterval, this::tick);
  }

  /** Registers a watch; a start of 0 means the revision after the committed one. */
  Watch watch(WatchRequest request, WatchListener listener) {
    long start = request.startRevision() == 0 ? marks.committed + 1 : request.startRevision();
    MvccWatch watch = new MvccWatch(this, request, listener, start);
    watches.add(watch);
    StoreException closedBy = closed;
    if (closedBy != null) {
      watch.fail(closedBy);
    } else if (start <= marks.committed || start < marks.compacted) {
      // read after the add: a commit we miss here fans out to the watch itself
      watch.signal();
    }
    return watch;
  }

  /** Called by the writer after each commit that produced revisions. */
  void onCommit() {
    if (fanoutPending.compareAndSet(false, true)) {
      executor.execute(this::fanout);
    }
  }

  private void fanout() {
    fanoutPending.set(false);
    long committed = marks.committed;
    for (MvccWatch watch : watches) {
      if (watch.next() <= committed) {
        watch.signalAfterCommit(committed);
      }
    }
  }

  private void tick() {
    for (MvccWatch watch : watches) {
      if (watch.request().progressNotify()) {
        watch.requestProgress(false);
      }
    }
  }

  /** Sends every watch a progress notification once it has caught up (etcd's RequestProgress). */
  void requestProgress() {
    for (MvccWatch watch : watches) {
      watch.requestProgress(true);
    }
  }

  /** Ends every watch with {@code cause}; later registrations end at once. */
  void close(StoreException cause) {
    closed = cause;
    progressTimer.cancel();
    for (MvccWatch watch : watches) {
      watch.fail(cause);
    }
  }

  void remove(MvccWatch watch) {
    watches.remove(watch);
  }

  long committed() {
    return marks.committed;
  }

  long compacted() {
    return marks.compacted;
  }

  RevisionLog log() {
    return log;
  }

  TaskExecutor executor() {
    return executor;
  }

  /** Live watches; for tests and metrics. */
  int size() {
    return watches.size();
  }
}
