package io.capstan.plugins.store.mvcc;

import io.capstan.spi.store.StoreException;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchListener;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch. It holds no buffer of its own: it remembers the next revision it owes its listener
 * and a drain task on the host's executor reads the committed revisions from the {@link
 * RevisionLog}, filters them and delivers them in order, one {@link WatchResponse.Events} per
 * revision. Only one drain runs at a time ({@link #scheduled}), which makes delivery serial and in
 * revision order; a drain that has worked through {@link #BUDGET} revisions yields the thread and
 * queues itself again, so a watch far behind does not starve the others.
 *
 * <p>Falling behind is therefore free until compaction removes the revision the watch needs next;
 * then the watch ends with {@link WatchResponse.Compacted}, as the Store contract asks.
 */
final class MvccWatch implements Watch {

  private static final Logger LOG = LoggerFactory.getLogger(MvccWatch.class);

  /** Revisions one drain run works through before yielding its thread. */
  static final int BUDGET = 1024;

  private final WatchHub hub;
  private final WatchRequest request;
  private final WatchListener listener;
  private final long startRevision;
  private final AtomicBoolean scheduled = new AtomicBoolean();

  private volatile long next; // written only by the drain
  private volatile boolean done; // cancelled or terminal: the listener is not called again
  private volatile StoreException closing;
  private volatile boolean progressDue;
  private volatile boolean progressForced; // asked for explicitly: sent even if events went out
  private boolean deliveredSinceTick; // drain only

  MvccWatch(WatchHub hub, WatchRequest request, WatchListener listener, long startRevision) {
    this.hub = hub;
    this.request = request;
    this.listener = listener;
    this.startRevision = startRevision;
    this.next = startRevision;
  }

  @Override
  public long startRevision() {
    return startRevision;
  }

  @Override
  public void cancel() {
    done = true;
    hub.remove(this);
  }

  WatchRequest request() {
    return request;
  }

  long next() {
    return next;
  }

  /** Makes sure a drain runs soon. */
  void signal() {
    if (!done && scheduled.compareAndSet(false, true)) {
      hub.executor().execute(this::drain);
    }
  }

  /**
   * The fan-out's signal after a commit: when nothing up to {@code committed} is for this watch,
   * it only moves {@link #next} past it, on the caller's thread, instead of queueing a drain that
   * would find nothing. The API server keeps one store watch per kind, so without this every
   * commit queued a task per kind. Takes the drain's slot while it looks, so {@code next} keeps one
   * writer at a time.
   */
  void signalAfterCommit(long committed) {
    if (done || !scheduled.compareAndSet(false, true)) {
      return; // a drain is queued or running; it reads up to the committed revision itself
    }
    long revision = next;
    int budget = BUDGET;
    boolean relevant = closing != null || progressDue;
    while (!relevant && revision <= committed) {
      LoggedRevision logged = revision < hub.compacted() ? null : hub.log().get(revision);
      // a compacted revision, or a long way to look, is the drain's business
      relevant = logged == null || logged.matches(request) || --budget == 0;
      if (!relevant) {
        revision++;
      }
    }
    if (relevant) {
      hub.executor().execute(this::drain);
      return;
    }
    next = revision;
    releaseSlot();
  }

  /**
   * Asks for a {@link WatchResponse.Progress} once the watch has caught up.
   *
   * @param forced send it even if events went out since the last request (etcd's
   *     {@code RequestProgress}); otherwise only while idle (etcd's {@code progress_notify})
   */
  void requestProgress(boolean forced) {
    if (forced) {
      progressForced = true;
    }
    progressDue = true;
    signal();
  }

  /** Ends the watch with {@link WatchResponse.Failed}, delivered in order by the drain. */
  void fail(StoreException cause) {
    closing = cause;
    signal();
  }

  private void drain() {
    try {
      if (!drainSome()) {
        hub.executor().execute(this::drain); // budget used up: yield, keep the slot
        return;
      }
    } catch (RuntimeException | Error bug) {
      LOG.error("Watch drain for {} failed", request.range(), bug);
      terminal(new WatchResponse.Failed(lastRevision(), new StoreException("watch failed", bug)));
    }
    releaseSlot();
  }

  /** Gives up the drain's slot; a commit, close or tick that came while it was held may have skipped its signal. */
  private void releaseSlot() {
    scheduled.set(false);
    if (!done && (next <= hub.committed() || closing != null || progressDue)) {
      signal();
    }
  }

  /** Delivers what is due; false if it stopped because the budget ran out. */
  private boolean drainSome() {
    for (int budget = BUDGET; budget > 0; budget--) {
      if (done) {
        return true;
      }
      if (closing != null) {
        terminal(new WatchResponse.Failed(lastRevision(), closing));
        return true;
      }
      long revision = next;
      if (revision > hub.committed()) {
        break;
      }
      LoggedRevision logged = revision < hub.compacted() ? null : hub.log().get(revision);
      if (logged == null) {
        terminal(new WatchResponse.Compacted(hub.compacted()));
        return true;
      }
      List<WatchEvent> events = logged.filter(request);
      if (!events.isEmpty()) {
        if (!deliver(new WatchResponse.Events(revision, events))) {
          return true;
        }
        deliveredSinceTick = true;
      }
      next = revision + 1;
    }
    if (next <= hub.committed()) {
      return false;
    }
    if (progressDue) {
      progressDue = false;
      boolean forced = progressForced;
      progressForced = false;
      // a bookmark only while idle (etcd's rule): skip it if events went out since the last tick
      if ((forced || !deliveredSinceTick) && !done) {
        deliver(new WatchResponse.Progress(Math.min(next - 1, hub.committed())));
      }
      deliveredSinceTick = false;
    }
    return true;
  }

  private long lastRevision() {
    return Math.max(0, next - 1);
  }

  private boolean deliver(WatchResponse response) {
    try {
      listener.onResponse(response);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Watch listener for {} threw at revision {}; ending the watch",
          request.range(), response.revision(), e);
      terminal(new WatchResponse.Failed(lastRevision(),
          new StoreException("the watch listener threw: " + e, e)));
      return false;
    }
  }

  private void terminal(WatchResponse response) {
    if (done) {
      return;
    }
    done = true;
    hub.remove(this);
    try {
      listener.onResponse(response);
    } catch (RuntimeException e) {
      LOG.warn("Watch listener for {} threw on its final response {}", request.range(), response, e);
    }
  }

  @Override
  public String toString() {
    return "Watch[" + request.range() + ", next=" + next + (done ? ", done" : "") + "]";
  }
}
