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
 * <p>It also keeps the bookkeeping that makes resumption exact. Each jetcd stream feeds it under an
 * <em>epoch</em>; offers from any other epoch than the current one are refused, atomically with
 * the check, so a stream that was replaced can never slip a late response in. {@code queued} is
 * the highest revision accepted: anything at or below it is a repeat and dropped, and a new stream
 * starts at {@code queued + 1}.
 *
 * <p>When the listener is {@code bound} responses behind, the queue stops taking from the stream
 * (the response that found it full is refused, the epoch moves on and the stream is closed) and,
 * once the listener has worked the backlog down to half, the watch re-reads etcd's history from
 * {@code queued + 1} ({@link EtcdWatch#catchUpFrom}). Memory stays bounded, nothing is lost or
 * repeated, and if that history was compacted meanwhile the watch ends with {@code Compacted}.
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
  private int epoch; // guarded by lock
  private long queued; // guarded by lock
  private volatile long delivered;
  private boolean draining; // guarded by lock
  private boolean paused; // guarded by lock: full, waiting for the listener to catch up
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
      delivered = revision;
    }
  }

  /** Starts a new epoch for a new stream (or none); offers of older epochs are refused from now. */
  int nextEpoch() {
    synchronized (lock) {
      return ++epoch;
    }
  }

  boolean isCurrent(int streamEpoch) {
    synchronized (lock) {
      return streamEpoch == epoch;
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

  void offer(int streamEpoch, WatchResponse response) {
    boolean full = false;
    synchronized (lock) {
      // Events at or below queued repeat what a resumed stream already gave; a Progress there
      // still says something (nothing new up to it), as a heartbeat for an idle range
      boolean stale = response instanceof WatchResponse.Progress
          ? response.revision() < queued : response.revision() <= queued;
      if (streamEpoch != epoch || over || cancelled || stale) {
        return;
      }
      if (pending.size() >= bound) {
        LOG.warn("watch listener is {} responses behind; pausing its etcd stream until it"
            + " catches up, then re-reading from revision {}", pending.size(), queued + 1);
        epoch++;
        paused = true;
        full = true;
      } else {
        queued = response.revision();
        pending.add(response);
      }
    }
    if (full) {
      owner.pause(streamEpoch);
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
      paused = false;
      epoch++;
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
      if (draining || pending.isEmpty() && !paused) {
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
        if (paused && !over && !cancelled && pending.size() <= bound / 2) {
          paused = false;
          resumeAt = queued + 1;
        }
        if (next == null) {
          draining = false;
        }
      }
      if (resumeAt > 0) {
        owner.catchUpFrom(resumeAt);
      }
      if (next == null) {
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
