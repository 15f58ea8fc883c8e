package io.capstan.plugins.proxy.userspace;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The userspace proxy's one selector thread: it accepts, connects and copies bytes for every
 * service port and connection, so the number of threads does not grow with services or
 * connections. Other threads hand it work with {@link #call(Supplier)}.
 */
final class ProxyLoop implements AutoCloseable {

  /** Whatever is registered with the selector: a listener, a connect in progress, a relay. */
  interface Handler {
    /** The key is ready; the handler deals with its own I/O errors (closing what failed). */
    void ready(SelectionKey key);
  }

  private static final Logger LOG = LoggerFactory.getLogger(ProxyLoop.class);
  private static final long TICK_MILLIS = 100;

  private final Selector selector;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Runnable tick;
  private final Thread thread;
  private volatile boolean running = true;

  /** @param tick run on the loop thread about every 100 ms (connect deadlines, pin expiry) */
  ProxyLoop(String name, Runnable tick) throws IOException {
    this.selector = Selector.open();
    this.tick = tick;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  Selector selector() {
    return selector;
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code work} on the loop thread and waits for its result (10 s at most). */
  <T> T call(Supplier<T> work) throws Exception {
    if (inLoop()) {
      return work.get();
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    tasks.add(() -> {
      try {
        result.complete(work.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    selector.wakeup();
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new IllegalStateException("the userspace proxy loop did not answer within 10 s", e);
    }
  }

  private void run() {
    long lastTick = System.nanoTime();
    while (running) {
      try {
        selector.select(TICK_MILLIS);
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (key.isValid() && key.attachment() instanceof Handler handler) {
            handler.ready(key);
          }
        }
        if (System.nanoTime() - lastTick >= TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)) {
          lastTick = System.nanoTime();
          tick.run();
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("userspace proxy loop: {}", e.toString(), e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (!running) {
      return;
    }
    running = false;
    selector.wakeup();
    if (!inLoop()) {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    }
    for (SelectionKey key : selector.keys()) {
      try {
        key.channel().close();
      } catch (IOException e) {
        LOG.debug("closing a channel: {}", e.toString());
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("closing the selector: {}", e.toString());
    }
  }
}
