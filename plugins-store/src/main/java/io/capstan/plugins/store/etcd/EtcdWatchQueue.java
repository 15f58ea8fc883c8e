package io.capstan.plugins.store.etcd;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.store.StoreException;
import io.capstan.spi.store.WatchListener;
import io.capstan.spi.store.WatchResponse;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responses of one watch on their way to its listener: in revision order, at most one
 * delivery at a time, on the host's executor, with a bound on the backlog.
 *
 * <p>It also keeps the revision bookkeeping that makes resumption exact: {@code queued} is the
 * highest revision accepted, so anything at or below it is a repeat and dropped, and a stream is
 * resumed from {@code queued + 1}. On overflow the backlog is dropped, {@code queued} falls back to
 * the last revision handed to the listener, nothing is accepted until the listener has finished
 * that delivery, and then the watch re-reads history from there ({@link EtcdWatch#catchUpFrom}).
 *
 * <p>Callbacks into the {@link EtcdWatch} happen outside this queue's lock, because the watch
 * closes jetcd watchers, which take jetcd's own lock, the one jetcd holds when it calls us.
 */
final class EtcdWatchQueue {

  private static final Logger LOG = LoggerFactory.getLogger(EtcdWatchQueue.class);
  /** Deliveries per executor task, so one busy watch does not hold a pool thread forever. */
  private static final int PER_TASK = 64;

  private final EtcdWatch owner;
  private final WatchListener listener;
  private final TaskExecutor executor;
  private final int bound;
  private final Object lock = new Object();
  private final ArrayDeque<WatchResponse> pending = new ArrayDeque<>(); // guarded by lock
  private long queued; // guarded by lock
  private long handed; // guarded by lock
  private volatile long delivered;
  private boolean draining; // guarded by lock
  private boolean overflowed; // guarded by lock
  private boolean over; // guarded by lock: a terminal response is queued or delivered
  private volatile boolean cancelled;

  EtcdWatchQueue(EtcdWatch owner, WatchListener listener, TaskExecutor executor, int bound) {
    this.owner = requireNonNull(owner, "owner");
    this.listener = requireNonNull(listener, "listener");
    this.executor = requireNonNull(executor, "executor");
    this.bound = bound;
  }

  /** Sets the revision before the first one the watch delivers. */
  void startAt(long revision) {
    synchronized (lock) {
      queued = revision;
      handed = revision;
      delivered = revision;
    }
  }

  /** Where a new stream must start so that nothing is skipped or repeated. */
  long resumeFrom() {
    synchronized (lock) {
      return queued + 1;
    }
  }

  /** The last revision the listener has fully received, for {@code Failed}. */
  long delivered() {
    return delivered;
  }

  boolean isOver() {
    synchronized (lock) {
      return over || cancelled;
    }
  }

  void events(WatchResponse.Events events) {
    offer(events);
  }

  void progress(long revision) {
    offer(new WatchResponse.Progress(revision));
  }

  private void offer(WatchResponse response) {
    boolean overflow = false;
    synchronized (lock) {
      if (over || cancelled || overflowed || response.revision() <= queued) {
        return; // ended, dropped while catching up, or a repeat after a resumed stream
      }
      if (pending.size() >= bound) {
        LOG.warn("watch listener is {} responses behind; dropping them and re-reading history"
            + " from revision {}", pending.size(), handed + 1);
        pending.clear();
        queued = handed;
        overflowed = true;
        overflow = true;
      } else {
        queued = response.revision();
        pending.add(response);
      }
    }
    if (overflow) {
      owner.pause(); // the drain resubscribes once the listener has caught up
    }
    scheduleDrain();
  }

  /** Queues a terminal response, beyond the bound; later offers are ignored. */
  void terminate(WatchResponse terminal) {
    synchronized (lock) {
      if (over || cancelled) {
        return;
      }
      over = true;
      overflowed = false;
      pending.add(terminal);
    }
    scheduleDrain();
  }

  void cancel() {
    cancelled = true;
    synchronized (lock) {
      pending.clear();
    }
  }

  private void scheduleDrain() {
    synchronized (lock) {
      if (draining || pending.isEmpty() && !overflowed) {
        return;
      }
      draining = true;
    }
    executor.execute(this::drain);
  }

  private void drain() {
    for (int i = 0; i < PER_TASK; i++) {
      WatchResponse next;
      long resumeAt = -1;
      synchronized (lock) {
        next = cancelled ? null : pending.poll();
        if (next == null) {
          draining = false;
          if (overflowed && !cancelled) {
            overflowed = false;
            resumeAt = queued + 1;
          }
        } else if (!next.isTerminal()) {
          handed = next.revision();
        }
      }
      if (next == null) {
        if (resumeAt > 0) {
          owner.catchUpFrom(resumeAt);
        }
        return;
      }
      if (!deliver(next)) {
        return;
      }
      if (next.isTerminal()) {
        owner.ended();
        return;
      }
      delivered = next.revision();
    }
    executor.execute(this::drain); // still draining: let other tasks have the thread first
  }

  /** Hands one response to the listener; false if it threw, which ends the watch. */
  private boolean deliver(WatchResponse response) {
    try {
      listener.onResponse(response);
      return true;
    } catch (RuntimeException e) {
      LOG.error("watch listener threw on {}; ending the watch with Failed", response, e);
      synchronized (lock) {
        over = true;
        pending.clear();
        draining = false;
      }
      if (!response.isTerminal() && !cancelled) {
        try {
          listener.onResponse(new WatchResponse.Failed(delivered,
              new StoreException("the watch listener threw " + e, e)));
        } catch (RuntimeException again) {
          LOG.debug("watch listener threw again on Failed", again);
        }
      }
      owner.ended();
      return false;
    }
  }
}
