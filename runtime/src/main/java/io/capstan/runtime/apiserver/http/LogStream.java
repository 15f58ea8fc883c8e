package io.capstan.runtime.apiserver.http;

import io.capstan.spi.node.LogLine;
import io.capstan.spi.node.LogSink;
import io.capstan.spi.node.LogSubscription;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * A followed log as a streamed text response: lines are written as they come, one write in flight,
 * no thread held while idle. The runtime's end of the log completes the response; a client that
 * goes away closes the subscription.
 */
final class LogStream extends IteratingCallback implements LogSink {

  private final Response response;
  private final Callback done;
  private final boolean timestamps;
  private final long limitBytes;
  private final ConcurrentLinkedQueue<ByteBuffer> queue = new ConcurrentLinkedQueue<>();
  private volatile boolean ending;
  private volatile LogSubscription subscription = () -> { };
  private long written; // touched by process() only

  LogStream(Response response, Callback done, boolean timestamps, long limitBytes) {
    this.response = response;
    this.done = done;
    this.timestamps = timestamps;
    this.limitBytes = limitBytes;
    response.setStatus(200);
    response.getHeaders().put("Content-Type", "text/plain");
    queue.add(BufferUtil.EMPTY_BUFFER); // commit the headers at once, so the client sees the stream open
    iterate();
  }

  void attach(LogSubscription subscription) {
    this.subscription = subscription;
    if (ending) {
      subscription.close();
    }
  }

  @Override
  public void line(LogLine line) {
    if (!ending) {
      queue.add(ByteBuffer.wrap(LogEndpoint.format(line, timestamps)));
      iterate();
    }
  }

  @Override
  public void end() {
    ending = true;
    iterate();
  }

  @Override
  protected Action process() {
    ByteBuffer next = queue.poll();
    if (next != null && (limitBytes <= 0 || written < limitBytes)) {
      if (limitBytes > 0 && written + next.remaining() > limitBytes) {
        next.limit(next.position() + (int) (limitBytes - written));
      }
      written += next.remaining();
      response.write(false, next, this);
      return Action.SCHEDULED;
    }
    if (next != null || ending) {
      ending = true;
      subscription.close();
      response.write(true, BufferUtil.EMPTY_BUFFER, done);
      return Action.SUCCEEDED;
    }
    return Action.IDLE;
  }

  @Override
  protected void onCompleteFailure(Throwable cause) {
    ending = true;
    subscription.close();
    done.failed(cause);
  }
}
