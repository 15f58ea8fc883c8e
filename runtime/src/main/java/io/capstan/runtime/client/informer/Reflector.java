package io.capstan.runtime.client.informer;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.GoneException;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.ObjectList;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.client.Watch;
import io.capstan.spi.client.WatchEventType;
import io.capstan.spi.client.WatchHandler;
import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ReflectorSink} in step with the API server by list-then-watch, client-go's
 * {@code Reflector} ({@code tools/cache/reflector.go}) turned from a goroutine loop into a chain of
 * tasks on the shared {@link TaskExecutor}: no thread waits, sleeps or polls.
 *
 * <ol>
 *   <li><b>List</b>, one page per task ({@code limit} = page size, then {@code continue} tokens),
 *       collecting every page before one {@code replace}. Lists are consistent reads
 *       ({@code resourceVersion=""}): the SPI defines no "not older than" list, and Capstan's API
 *       server reads its own store, so client-go's {@code "0"} (watch cache) optimisation buys
 *       nothing. An expired continue token falls back to one unpaginated list, like client-go's
 *       pager ({@code FullListIfExpired}).
 *   <li><b>Watch</b> from the list's resourceVersion with bookmarks on. Events, and bookmarks,
 *       advance the resourceVersion to resume from.
 *   <li>A watch that <b>ends</b> without an error is re-opened at once from the last
 *       resourceVersion; one that lasted under a second with no event is re-opened after a back-off
 *       (client-go's "very short watch" guard against hot loops).
 *   <li><b>410 Gone</b>, when the watch opens or as its close cause, means the resourceVersion was
 *       compacted: relist after a back-off (client-go relists through its
 *       {@code wait.BackoffUntil}), and the sink turns the difference into events.
 *   <li>Any other <b>failure</b> backs off ({@link Backoff}), then retries the same step: a failed
 *       list lists again, a failed or broken watch re-watches from the last resourceVersion (the
 *       server answers 410 if that is gone, which leads to a relist).
 * </ol>
 *
 * <p>Each list or watch attempt has a number; callbacks of a superseded attempt (a late event of a
 * watch already given up, a page of a list abandoned by {@link #stop()}) are ignored under the lock,
 * so the sink only ever hears from the current attempt. Client calls are made without the lock.
 */
final class Reflector<T extends HasMetadata> {

  private static final Logger LOG = LoggerFactory.getLogger(Reflector.class);

  /** client-go's threshold for a watch that closed too soon to be trusted. */
  static final Duration SHORT_WATCH = Duration.ofSeconds(1);

  private final String kind;
  private final ResourceClient<T> client;
  private final TaskExecutor executor;
  private final Clock clock;
  private final ListOptions scope;
  private final long pageSize;
  private final ReflectorSink<T> sink;
  private final Object lock = new Object();
  // all guarded by lock
  private final Backoff backoff;
  private long attempt;
  private boolean started;
  private boolean stopped;
  private Watch watch;
  private Cancellable retry;
  private String resourceVersion = "";
  private long watchOpenedAt;
  private long watchEvents;

  Reflector(String kind, ResourceClient<T> client, TaskExecutor executor, Clock clock,
      ListOptions scope, InformerOptions options, ReflectorSink<T> sink) {
    this.kind = requireNonNull(kind, "kind");
    this.client = requireNonNull(client, "client");
    this.executor = requireNonNull(executor, "executor");
    this.clock = requireNonNull(clock, "clock");
    this.scope = requireNonNull(scope, "scope");
    this.pageSize = options.pageSize();
    this.sink = requireNonNull(sink, "sink");
    this.backoff = new Backoff(clock, options);
  }

  /** Starts the first list. Idempotent; no effect after {@link #stop()}. */
  void start() {
    synchronized (lock) {
      if (started || stopped) {
        return;
      }
      started = true;
      relistAfter(Duration.ZERO);
    }
  }

  /** Closes the watch and abandons any list or retry in progress. Idempotent. */
  void stop() {
    Watch open;
    synchronized (lock) {
      stopped = true;
      attempt++;
      open = watch;
      watch = null;
      if (retry != null) {
        retry.cancel();
      }
    }
    if (open != null) {
      open.close(); // outside the lock: close() may call onClose on this thread
    }
  }

  private ListOptions firstPage() {
    return scope.withResourceVersion("").withLimit(pageSize);
  }

  /** Schedules a fresh list as a new attempt. Caller holds the lock. */
  private void relistAfter(Duration delay) {
    long next = ++attempt;
    retry = executor.schedule(delay, () -> listPage(next, firstPage(), new ArrayList<>()));
  }

  /** Schedules a watch from the last resourceVersion as a new attempt. Caller holds the lock. */
  private void rewatchAfter(Duration delay) {
    long next = ++attempt;
    retry = executor.schedule(delay, () -> openWatch(next));
  }

  private boolean isCurrent(long expected) {
    synchronized (lock) {
      return attempt == expected;
    }
  }

  private void listPage(long current, ListOptions options, List<T> collected) {
    if (!isCurrent(current)) {
      return;
    }
    ObjectList<T> page;
    try {
      page = client.list(options);
    } catch (GoneException gone) {
      if (!options.continueToken().isEmpty()) {
        LOG.info("{} informer: continue token expired after {} objects; listing in one request",
            kind, collected.size());
        executor.execute(() -> listPage(current, firstPage().withLimit(0), new ArrayList<>()));
      } else {
        failed(current, "list", gone, true);
      }
      return;
    } catch (RuntimeException e) {
      failed(current, "list", e, true);
      return;
    }
    collected.addAll(page.items());
    if (page.hasMore()) {
      // one page per task: a big list never holds an executor thread for long
      executor.execute(() -> listPage(current, options.next(page), collected));
      return;
    }
    synchronized (lock) {
      if (attempt != current) {
        return;
      }
      sink.replace(collected, page.resourceVersion());
      resourceVersion = page.resourceVersion();
      long next = ++attempt;
      executor.execute(() -> openWatch(next));
    }
  }

  private void openWatch(long current) {
    String from;
    synchronized (lock) {
      if (attempt != current) {
        return;
      }
      from = resourceVersion;
      watchOpenedAt = clock.nanoTime();
      watchEvents = 0;
    }
    ListOptions options = scope.withResourceVersion(from).withLimit(0).withAllowWatchBookmarks(true);
    Watch opened;
    try {
      opened = client.watch(options, new Handler(current));
    } catch (GoneException gone) {
      failed(current, "watch from resourceVersion " + from, gone, true);
      return;
    } catch (RuntimeException e) {
      failed(current, "watch from resourceVersion " + from, e, false);
      return;
    }
    boolean keep;
    synchronized (lock) {
      keep = attempt == current; // not stopped, and not already closed by the server
      if (keep) {
        watch = opened;
      }
    }
    if (!keep) {
      opened.close();
    }
  }

  /** Backs off, then lists again ({@code relist}) or watches again from the last version. */
  private void failed(long current, String what, RuntimeException cause, boolean relist) {
    synchronized (lock) {
      if (attempt != current) {
        return;
      }
      watch = null;
      Duration delay = backoff.next();
      String next = relist ? "listing again" : "watching again from resourceVersion " + resourceVersion;
      if (cause instanceof GoneException) { // routine after compaction: client-go logs it at V(4)
        LOG.info("{} informer: {} expired ({}); {} in {}", kind, what, describe(cause), next, delay);
      } else {
        LOG.warn("{} informer: {} failed ({}); {} in {}", kind, what, describe(cause), next, delay);
      }
      if (relist) {
        relistAfter(delay);
      } else {
        rewatchAfter(delay);
      }
    }
  }

  private static String describe(RuntimeException cause) {
    if (!(cause instanceof ApiException api)) {
      return cause.toString();
    }
    String code = api.code() == 0 ? "no response" : Integer.toString(api.code());
    return api.reason().isEmpty() ? code + ": " + api.getMessage()
        : code + " " + api.reason() + ": " + api.getMessage();
  }

  /** The callbacks of one watch attempt. */
  private final class Handler implements WatchHandler<T> {

    private final long current;

    Handler(long current) {
      this.current = current;
    }

    @Override
    public void onEvent(WatchEventType type, T object) {
      synchronized (lock) {
        if (attempt != current) {
          return;
        }
        String version = InformerStore.versionOf(object);
        if (type == WatchEventType.BOOKMARK) {
          sink.bookmark(version);
        } else {
          sink.apply(type, object);
        }
        if (!version.isEmpty()) {
          resourceVersion = version;
        }
        watchEvents++;
      }
    }

    @Override
    public void onClose(Optional<ApiException> cause) {
      if (cause.isPresent()) {
        failed(current, "watch", cause.get(), cause.get() instanceof GoneException);
        return;
      }
      synchronized (lock) {
        if (attempt != current) {
          return; // we closed it ourselves, or it was already given up
        }
        watch = null;
        Duration lived = Duration.ofNanos(clock.nanoTime() - watchOpenedAt);
        if (watchEvents == 0 && lived.compareTo(SHORT_WATCH) < 0) {
          Duration delay = backoff.next();
          LOG.warn("{} informer: watch closed after {} without events; watching again in {}",
              kind, lived, delay);
          rewatchAfter(delay);
        } else {
          LOG.debug("{} informer: watch closed after {} events; watching again from {}", kind,
              watchEvents, resourceVersion);
          rewatchAfter(Duration.ZERO);
        }
      }
    }
  }
}
