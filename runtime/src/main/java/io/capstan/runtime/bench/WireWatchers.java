package io.capstan.runtime.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP watchers of {@code bench apiserver}'s fan-out, reading the raw watch streams: every
 * watch is an asynchronous request on one JDK {@link HttpClient} (one selector thread, the
 * client's executor delivering the bytes; no thread per watch), as Capstan's HTTP client opens them. A sample is
 * taken when the newline that ends an event's line arrives, before anything is decoded; the only
 * parsing is a streaming scan of the line up to the bench's "sent" annotation. The figure is thus
 * the server's fan-out as its clients receive it, without the cost of 1,000 watchers decoding
 * every pod on the bench machine's own cores (which {@code ApiWorkloads#watchFanOut} through the
 * HTTP client still measures).
 */
final class WireWatchers implements AutoCloseable {

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The client's default executor, as Capstan's HTTP client uses it. A direct executor (all reads
   * on the selector thread) measured ten times worse on the loaded 2-core machine: one thread gets
   * one thread's share of the cores.
   */
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  private final List<Stream> streams = new ArrayList<>();
  private final CountDownLatch complete;
  private final AtomicReference<String> failure = new AtomicReference<>();

  private WireWatchers(int watchers) {
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
    URI uri = URI.create(server.resolve("/api/v1/namespaces/" + namespace + "/pods") + "?watch=true&resourceVersion="
        + resourceVersion + "&labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "application/json").GET().build();
    for (int w = 0; w < watchers; w++) {
      Stream stream = new Stream(expected, all.complete);
      all.streams.add(stream);
      stream.exchange = all.http.sendAsync(request, info -> {
        if (info.statusCode() != 200) {
          all.failure.compareAndSet(null, "watch answered " + info.statusCode());
        }
        established.countDown();
        return HttpResponse.BodySubscribers.fromSubscriber(stream);
      }).whenComplete((response, error) -> {
        if (error != null) {
          all.failure.compareAndSet(null, "watch failed: " + error);
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
  public void close() {
    streams.forEach(Stream::cancel);
  }

  /** One watch response: splits the stream into lines and samples each ADDED line's latency. */
  private static final class Stream implements Flow.Subscriber<List<ByteBuffer>> {
    private final Latencies latencies;
    private final int expected;
    private final CountDownLatch complete;
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<?> exchange;
    private byte[] line = new byte[8192];
    private int length;
    private int received;

    Stream(int expected, CountDownLatch complete) {
      this.latencies = new Latencies(expected);
      this.expected = expected;
      this.complete = complete;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
      long arrived = System.nanoTime();
      for (ByteBuffer content : buffers) {
        read(content, arrived);
      }
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

    @Override
    public void onError(Throwable throwable) {
      // the run fails by timing out on the events it did not get
    }

    @Override
    public void onComplete() {
      // ends when the bench closes it
    }

    /**
     * Stops reading. JDK 17's client keeps the connection open even with the exchange cancelled,
     * so the server keeps the watch until a write fails or it times out; see ApiWorkloads#FAN_OUTS.
     */
    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      CompletableFuture<?> e = exchange;
      if (e != null) {
        e.cancel(true);
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
