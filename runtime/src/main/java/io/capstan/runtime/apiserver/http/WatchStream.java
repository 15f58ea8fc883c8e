package io.capstan.runtime.apiserver.http;

import io.capstan.runtime.apiserver.watch.WatchEventOut;
import io.capstan.runtime.apiserver.watch.WatchSink;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * One HTTP watch response: newline-delimited {@code {"type":...,"object":...}} JSON written
 * asynchronously as events arrive (Kubernetes' streaming format), one write in flight at a time,
 * no thread held while idle. A watcher whose client reads too slowly overflows its queue and the
 * cache ends it; the client resumes from its last version.
 */
final class WatchStream extends IteratingCallback implements WatchSink {

  /** Events queued for a slow client before the watch is ended, as Kubernetes' watch cache does. */
  static final int MAX_QUEUED = 4096;

  private final Response response;
  private final Callback done;
  private final Function<WatchEventOut, byte[]> lineEncoder;
  private final ConcurrentLinkedQueue<ByteBuffer> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private volatile boolean ending;
  private volatile Runnable onEnd = () -> { };

  /** {@code lineEncoder} gives an event's whole line (see {@link WatchEventOut#jsonLine()}); its bytes are never changed. */
  WatchStream(Response response, Callback done, Function<WatchEventOut, byte[]> lineEncoder) {
    this.response = response;
    this.done = done;
    this.lineEncoder = lineEncoder;
  }

  /** What to release when the stream ends, whoever ends it. */
  void onEnd(Runnable action) {
    this.onEnd = action;
  }

  @Override
  public boolean offer(WatchEventOut event) {
    if (ending) {
      return false;
    }
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      return false;
    }
    // a buffer of its own (position, limit) over line bytes that every watcher of the change shares
    queue.add(ByteBuffer.wrap(lineEncoder.apply(event)));
    iterate();
    return true;
  }

  /** Sends the response headers now, so the client knows the watch is established before any event. */
  void commitHeaders() {
    queued.incrementAndGet();
    queue.add(BufferUtil.EMPTY_BUFFER);
    iterate();
  }

  @Override
  public void end() {
    ending = true;
    iterate();
  }

  @Override
  protected Action process() {
    ByteBuffer next = queue.poll();
    if (next != null) {
      queued.decrementAndGet();
      response.write(false, next, this);
      return Action.SCHEDULED;
    }
    if (ending) {
      response.write(true, BufferUtil.EMPTY_BUFFER, done);
      return Action.SUCCEEDED;
    }
    return Action.IDLE;
  }

  @Override
  protected void onCompleteSuccess() {
    onEnd.run();
  }

  @Override
  protected void onCompleteFailure(Throwable cause) {
    ending = true;
    onEnd.run();
    done.failed(cause);
  }
}
