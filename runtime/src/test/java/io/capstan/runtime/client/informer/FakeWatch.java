package io.capstan.runtime.client.informer;

import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.Watch;
import io.capstan.spi.client.WatchEventType;
import io.capstan.spi.client.WatchHandler;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayDeque;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * One open watch of the {@link FakeResourceClient}: events wait in a FIFO and one task at a time on
 * the executor hands them to the handler, so delivery is asynchronous, serial and in order even on a
 * multi-threaded pool. Events not yet delivered when the watch ends are lost, as on a dropped
 * connection; {@code onClose} is called exactly once, after the last delivered event.
 */
final class FakeWatch<T extends HasMetadata> implements Watch {

  private final FakeResourceClient<T> server;
  private final TaskExecutor executor;
  private final WatchHandler<T> handler;
  private final ListOptions options;
  private final ArrayDeque<Runnable> pending = new ArrayDeque<>(); // guarded by this
  private boolean draining; // guarded by this
  private boolean closed; // guarded by this

  FakeWatch(FakeResourceClient<T> server, TaskExecutor executor, WatchHandler<T> handler,
      ListOptions options) {
    this.server = server;
    this.executor = executor;
    this.handler = handler;
    this.options = options;
  }

  ListOptions options() {
    return options;
  }

  void send(WatchEventType type, T object) {
    offer(() -> {
      if (!isClosed()) {
        handler.onEvent(type, object);
      }
    });
  }

  /** Ends the watch from either side; no event is delivered after this returns. */
  void end(Optional<ApiException> cause) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      pending.clear();
    }
    server.forget(this);
    offer(() -> handler.onClose(cause));
  }

  @Override
  public void close() {
    end(Optional.empty());
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private void offer(Runnable delivery) {
    synchronized (this) {
      pending.addLast(delivery);
      if (draining) {
        return;
      }
      draining = true;
    }
    executor.execute(this::drain);
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = pending.pollFirst();
        if (next == null) {
          draining = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) { // the SPI: a failing handler is logged, the watch goes on
        LoggerFactory.getLogger(FakeWatch.class).error("watch handler failed", e);
      }
    }
  }
}
