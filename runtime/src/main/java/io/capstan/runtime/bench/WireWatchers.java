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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP watchers of {@code bench apiserver}'s fan-out, reading the raw watch streams: every
 * watch is a request on one Jetty {@link HttpClient} (one selector, no thread per watch). A sample
 * is taken when the newline that ends an event's line arrives, before anything is decoded; the
 * only parsing is a streaming scan of the line up to the bench's "sent" annotation. The figure is
 * thus the server's fan-out as its clients receive it, without the cost of 1,000 watchers decoding
 * every pod on the bench machine's own cores (which {@code ApiWorkloads#watchFanOut} through the
 * HTTP client still measures).
 */
final class WireWatchers implements AutoCloseable {

  private static final JsonFactory JSON = new JsonFactory();

  private final HttpClient http;
  private final List<Stream> streams = new ArrayList<>();
  private final CountDownLatch complete;
  private final AtomicReference<String> failure = new AtomicReference<>();

  private WireWatchers(int watchers) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("bench-wire-watchers");
    http = new HttpClient();
    http.setExecutor(threads);
    http.setMaxConnectionsPerDestination(watchers + 8);
    http.setMaxRequestsQueuedPerDestination(watchers + 8);
    http.setIdleTimeout(0);
    http.start();
    complete = new CountDownLatch(watchers);
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
    String uri = server.resolve("/api/v1/namespaces/" + namespace + "/pods").toString() + "?watch=true&resourceVersion="
        + resourceVersion + "&labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8);
    for (int w = 0; w < watchers; w++) {
      Stream stream = new Stream(expected, all.complete);
      all.streams.add(stream);
      all.http.newRequest(uri).headers(h -> h.put(org.eclipse.jetty.http.HttpHeader.ACCEPT, "application/json")).idleTimeout(0, TimeUnit.SECONDS).timeout(0, TimeUnit.SECONDS)
          .onResponseHeaders(response -> {
            if (response.getStatus() != 200) {
              all.failure.compareAndSet(null, "watch answered " + response.getStatus());
            }
            established.countDown();
          })
          .onResponseContent(stream)
          .send(result -> {
            if (result.isFailed() && stream.received < expected) {
              all.failure.compareAndSet(null, "watch ended: " + result.getFailure());
              established.countDown();
            }
          });
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
  public void close() throws Exception {
    http.stop();
  }

  /** One watch response: splits the stream into lines and samples each ADDED line's latency. */
  private static final class Stream implements Response.ContentListener {
    private final Latencies latencies;
    private final int expected;
    private final CountDownLatch complete;
    private byte[] line = new byte[8192];
    private int length;
    private int received;

    Stream(int expected, CountDownLatch complete) {
      this.latencies = new Latencies(expected);
      this.expected = expected;
      this.complete = complete;
    }

    @Override
    public synchronized void onContent(Response response, ByteBuffer content) {
      long arrived = System.nanoTime();
      int scanFrom = length;
      if (length + content.remaining() > line.length) {
        line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + content.remaining()));
      }
      int n = content.remaining();
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
