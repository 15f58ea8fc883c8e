package io.capstan.plugins.store.etcd;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.StoreException;
import io.capstan.spi.store.StoreUnavailableException;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchListener;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import io.etcd.jetcd.Watch.Watcher;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Capstan watch on top of a succession of jetcd watchers.
 *
 * <p>jetcd resumes a broken watch by itself, but from a revision it tracks loosely: after the
 * "created" answer it jumps to the header revision, which skips history not yet replayed (jetcd
 * issue 946), and for a watch "from now" it would replay the creation revision. So this class
 * resumes itself: on any error or end of stream it closes the jetcd watcher and opens a new one
 * from the revision after the last one it queued, with back-off, for at most {@code
 * watchResumeTimeout}. Events at or below the last queued revision are dropped, so a resumed
 * stream can neither skip nor repeat a revision.
 *
 * <p>Only etcd's periodic progress notifications become {@link WatchResponse.Progress}: etcd 3.4
 * sends those only to watchers that have caught up, whereas its on-demand progress answer can
 * overtake history still being replayed (etcd issue 15220).
 *
 * <p>Responses wait in a bounded {@link EtcdWatchQueue} for the listener, which runs on the host's
 * executor. When the listener falls {@code watchBufferSize} responses behind, the stream is closed;
 * once the listener has worked off half of its backlog the watch re-reads etcd's history from the
 * next revision not yet queued, or ends with {@code Compacted} if that is gone. Each stream feeds
 * the queue under an epoch of its own, so a replaced stream can never add a late response.
 */
final class EtcdWatch implements Watch {

  private static final Logger LOG = LoggerFactory.getLogger(EtcdWatch.class);
  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 2_000;

  private final EtcdStore store;
  private final WatchRequest request;
  private final EtcdWatchEvents events;
  private final EtcdWatchQueue queue;
  private final Object lock = new Object();
  private final CompletableFuture<Long> created = new CompletableFuture<>();
  private volatile long startRevision; // fixed once created
  private Watcher watcher; // guarded by lock
  private int watcherEpoch; // guarded by lock: the queue epoch the watcher feeds
  private long resumeDeadline; // guarded by lock; nanoTime, 0 while the stream is healthy
  private long backoffMillis = FIRST_BACKOFF_MILLIS; // guarded by lock

  EtcdWatch(EtcdStore store, WatchRequest request, WatchListener listener) {
    this.store = requireNonNull(store, "store");
    this.request = requireNonNull(request, "request");
    this.events = new EtcdWatchEvents(store.keys(), request);
    this.queue = new EtcdWatchQueue(this, requireNonNull(listener, "listener"),
        store.executor(), store.config().watchBufferSize());
  }

  /** Registers the watch with etcd and waits for its confirmation. */
  void start() {
    EtcdKeys.EtcdRange range = store.keys().range(request.range());
    if (range.isEmpty()) {
      startEmpty(); // etcd refuses to watch an empty range; nothing can happen in one anyway
      return;
    }
    long from = request.startRevision();
    if (from > 0 && !store.servesRevision(from)) {
      // below the watermark: etcd might still replay it, but without the deletes at its own
      // compaction revision (see EtcdRevisions), so answer as the SPI says
      startRevision = from;
      queue.startAt(from - 1);
      queue.terminate(new WatchResponse.Compacted(store.compactRevision()));
      return;
    }
    subscribe(from);
    long millis = store.config().requestTimeout().toMillis();
    try {
      created.get(millis, TimeUnit.MILLISECONDS); // onNext has set the start revision by then
    } catch (ExecutionException | TimeoutException e) {
      stopStream();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new StoreUnavailableException("cannot start a watch on " + request.range()
          + " within " + millis + " ms: " + cause, cause);
    } catch (InterruptedException e) {
      stopStream();
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while starting a watch", e);
    }
  }

  private void startEmpty() {
    startRevision = request.startRevision() == 0
        ? store.currentRevision() + 1 : request.startRevision();
    queue.startAt(startRevision - 1);
    long compacted = store.compactRevision();
    if (request.startRevision() != 0 && request.startRevision() < compacted) {
      queue.terminate(new WatchResponse.Compacted(compacted));
    }
  }

  @Override
  public long startRevision() {
    return startRevision;
  }

  @Override
  public void cancel() {
    queue.cancel();
    stopStream();
    store.forget(this);
  }

  /** Ends the watch with {@code Failed} (the store is closing). */
  void fail(StoreException cause) {
    stopStream();
    queue.terminate(new WatchResponse.Failed(queue.delivered(), cause));
  }

  /** Called by the queue once a terminal response was delivered or the listener threw. */
  void ended() {
    stopStream();
    store.forget(this);
  }

  /** Called by the queue when it is full: close the stream of that epoch, if still open. */
  void pause(int epoch) {
    Watcher w = null;
    synchronized (lock) {
      if (watcherEpoch == epoch) {
        w = watcher;
        watcher = null;
      }
    }
    if (w != null) {
      w.close();
    }
  }

  /** Called by the queue once the listener has caught up: re-read history from {@code next}. */
  void catchUpFrom(long next) {
    store.executor().execute(() -> subscribe(next));
  }

  private void subscribe(long from) {
    int g = queue.nextEpoch();
    if (queue.isOver() || store.isClosed()) {
      return;
    }
    if (created.isDone()) { // resuming: the history needed may have been compacted meanwhile
      try {
        if (!store.servesRevision(from)) {
          queue.terminate(new WatchResponse.Compacted(store.compactRevision()));
          return;
        }
      } catch (RuntimeException e) {
        onBroken(g, e);
        return;
      }
    }
    WatchOption option = WatchOption.builder()
        .withRange(store.keys().range(request.range()).end())
        .withRevision(EtcdRevisions.toEtcd(from))
        .withPrevKV(request.prevKv())
        .withProgressNotify(request.progressNotify())
        .withNoPut(request.noPut())
        .withNoDelete(request.noDelete())
        .withCreateNotify(true)
        .withRequireLeader(true)
        .build();
    Watcher w;
    try {
      w = store.watchClient().watch(store.keys().range(request.range()).key(), option,
          new Listener(g));
    } catch (RuntimeException e) {
      onBroken(g, e);
      return;
    }
    boolean current;
    synchronized (lock) {
      current = queue.isCurrent(g);
      if (current) {
        watcher = w;
        watcherEpoch = g;
      }
    }
    if (!current) {
      w.close(); // cancelled or superseded while subscribing
    }
  }

  /** Closes the current jetcd watcher, outside our lock: jetcd calls back under its own. */
  private void stopStream() {
    queue.nextEpoch();
    Watcher w;
    synchronized (lock) {
      w = watcher;
      watcher = null;
    }
    if (w != null) {
      w.close();
    }
  }

  private boolean isCurrent(int g) {
    return queue.isCurrent(g);
  }

  private void onNext(int g, io.etcd.jetcd.watch.WatchResponse response) {
    if (!isCurrent(g)) {
      return;
    }
    if (response.isCreatedNotify()) {
      synchronized (lock) {
        resumeDeadline = 0;
        backoffMillis = FIRST_BACKOFF_MILLIS;
      }
      if (!created.isDone()) {
        // before any event of this stream can arrive: jetcd calls us in order per stream
        long header = EtcdRevisions.fromEtcd(response.getHeader().getRevision());
        startRevision = request.startRevision() == 0 ? header + 1 : request.startRevision();
        queue.startAt(startRevision - 1);
        created.complete(header);
      }
      return;
    }
    if (response.getEvents().isEmpty()) {
      if (request.progressNotify() && response.isProgressNotify()) {
        queue.offer(g, new WatchResponse.Progress(
            EtcdRevisions.fromEtcd(response.getHeader().getRevision())));
      }
      return;
    }
    for (WatchResponse.Events batch : events.group(response.getEvents())) {
      queue.offer(g, batch);
    }
  }

  private void onBroken(int g, Throwable error) {
    if (!isCurrent(g)) {
      return;
    }
    stopStream();
    if (!created.isDone()) {
      created.completeExceptionally(error);
      return;
    }
    if (error instanceof CompactedException compacted) {
      queue.terminate(new WatchResponse.Compacted(
          EtcdRevisions.watermarkFromEtcd(compacted.getCompactedRevision())));
      return;
    }
    long delay;
    synchronized (lock) {
      long now = store.clock().nanoTime();
      if (resumeDeadline == 0) {
        resumeDeadline = now + store.config().watchResumeTimeout().toNanos();
      } else if (now - resumeDeadline > 0) {
        queue.terminate(new WatchResponse.Failed(queue.delivered(), new StoreUnavailableException(
            "the watch on " + request.range() + " lost its etcd stream and could not resume"
                + " within " + store.config().watchResumeTimeout() + ": " + error, error)));
        return;
      }
      delay = backoffMillis;
      backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    }
    LOG.debug("watch on {} broke ({}); resuming from revision {} in {} ms", request.range(),
        error.toString(), queue.resumeFrom(), delay);
    store.executor().schedule(Duration.ofMillis(delay), () -> subscribe(queue.resumeFrom()));
  }

  /** jetcd's callbacks for one generation. */
  private final class Listener implements io.etcd.jetcd.Watch.Listener {
    private final int generation;

    Listener(int generation) {
      this.generation = generation;
    }

    @Override
    public void onNext(io.etcd.jetcd.watch.WatchResponse response) {
      EtcdWatch.this.onNext(generation, response);
    }

    @Override
    public void onError(Throwable error) {
      onBroken(generation, error);
    }

    @Override
    public void onCompleted() {
      onBroken(generation, new StoreUnavailableException("etcd ended the watch stream"));
    }
  }
}
