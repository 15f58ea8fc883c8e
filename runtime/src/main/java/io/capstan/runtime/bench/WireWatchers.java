package io.capstan.runtime.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP watchers of {@code bench apiserver}'s fan-out, reading the raw watch streams: every
 * watch is an asynchronous request on one Jetty HTTP client (a selector thread and a small pool
 * delivering the bytes; no thread per watch), as Capstan's HTTP client opens them. A sample is
 * taken when the newline that ends an event's line arrives, before anything is decoded; the only
 * parsing is a streaming scan of the line up to the bench's "sent" annotation. The figure is thus
 * the server's fan-out as its clients receive it, without the cost of 1,000 watchers decoding
 * every pod on the bench machine's own cores (which {@code ApiWorkloads#watchFanOut} through the
 * HTTP client still measures). Closing aborts every request, which closes its connection, so the
 * server drops the watches before the next measurement.
 */
final class WireWatchers implements AutoCloseable {

  private static final JsonFactory JSON = new JsonFactory();

  private final HttpClient http = new HttpClient();
  private final List<Stream> streams = new ArrayList<>();
  private final CountDownLatch complete;
  private final AtomicReference<String> failure = new AtomicReference<>();

  private WireWatchers(int watchers) throws Exception {
    complete = new CountDownLatch(watchers);
    QueuedThreadPool threads = new QueuedThreadPool(64, 2);
    threads.setName("bench-wire-watchers");
    threads.setDaemon(true);
    http.setExecutor(threads);
    http.setMaxConnectionsPerDestination(watchers + 16);
    http.setMaxRequestsQueuedPerDestination(watchers + 16);
    http.setIdleTimeout(0);
    http.start();
  }

  /**
   * Opens {@code watchers} watches of pods in {@code namespace} matching {@code labelSelector}
   * from {@code resourceVersion}, each expecting {@code expected} ADDED events; returns once the
   * server answered every one with its headers.
   */
  static WireWatchers open(URI server, String namespace, String labelSelector, String resourceVersion, int watchers,
      int expected) throws Exception {
    WireWatchers all = new WireWatchers(watchers);
    CountDownLatch established = new CountDownLatch(watchers);
    URI uri = URI.create(server.resolve("/api/v1/namespaces/" + namespace + "/pods") + "?watch=true&resourceVersion="
        + resourceVersion + "&labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8));
    for (int w = 0; w < watchers; w++) {
      Stream stream = new Stream(expected, all.complete, established, all.failure);
      all.streams.add(stream);
      stream.request = all.http.newRequest(uri).headers(h -> h.put(HttpHeader.ACCEPT, "application/json"));
      stream.request.send(stream);
    }
    if (!established.await(120, TimeUnit.SECONDS) || all.failure.get() != null) {
      all.close();
      throw new IllegalStateException("watches not established: " + all.failure.get());
    }
    return all;
  }

  /** Waits until every watcher received every expected event. */
  void await(long seconds) throws InterruptedException {
    if (!complete.await(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("not every watcher saw every pod within " + seconds + " s" + (failure.get() == null ? ""
          : ": " + failure.get()));
    }
  }

  List<Latencies> latencies() {
    return streams.stream().map(s -> s.latencies).toList();
  }

  @Override
  public void close() {
    streams.forEach(s -> s.request.abort(new CancellationException("fan-out over")));
    try {
      http.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the watchers' HTTP client", e);
    }
  }

  /** One watch response: splits the stream into lines and samples each ADDED line's latency. */
  private static final class Stream implements Response.Listener {
    private final Latencies latencies;
    private final int expected;
    private final CountDownLatch complete;
    private final CountDownLatch established;
    private final AtomicReference<String> failure;
    private volatile Request request;
    private byte[] line = new byte[8192];
    private int length;
    private int received;
    private boolean answered;

    Stream(int expected, CountDownLatch complete, CountDownLatch established, AtomicReference<String> failure) {
      this.latencies = new Latencies(expected);
      this.expected = expected;
      this.complete = complete;
      this.established = established;
      this.failure = failure;
    }

    @Override
    public void onHeaders(Response response) {
      if (response.getStatus() != 200) {
        failure.compareAndSet(null, "watch answered " + response.getStatus());
      }
      answered = true;
      established.countDown();
    }

    @Override
    public synchronized void onContent(Response response, ByteBuffer content) {
      read(content, System.nanoTime());
    }

    @Override
    public void onComplete(Result result) {
      if (!answered && result.getFailure() != null) {
        failure.compareAndSet(null, "watch failed: " + result.getFailure());
        established.countDown();
      }
      // otherwise it ended because the bench closed it; a run missing events fails by timing out
    }

    private void read(ByteBuffer content, long arrived) {
      int scanFrom = length;
      int n = content.remaining();
      if (length + n > line.length) {
        line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + n));
      }
      content.get(line, length, n); // one bulk copy; the scan below runs over a heap array
      length += n;
      int lineStart = 0;
      for (int i = scanFrom; i < length; i++) {
        if (line[i] != '\n') {
          continue;
        }
        long sent = sentNanos(line, lineStart, i - lineStart);
        lineStart = i + 1;
        if (sent > 0) {
          latencies.record(arrived - sent);
          if (++received == expected) {
            complete.countDown();
          }
        }
      }
      if (lineStart > 0) {
        System.arraycopy(line, lineStart, line, 0, length - lineStart);
        length -= lineStart;
      }
    }
  }

  /** The "sent" annotation of an ADDED event's pod, or 0 for any other line. Reads no further than it. */
  static long sentNanos(byte[] bytes, int offset, int length) {
    try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT || !"type".equals(parser.nextFieldName())
          || parser.nextToken() != JsonToken.VALUE_STRING || !"ADDED".equals(parser.getText())) {
        return 0;
      }
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME && ApiWorkloads.SENT_ANNOTATION.equals(parser.currentName())) {
          parser.nextToken();
          return Long.parseLong(parser.getText());
        }
      }
      return 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }
}
