package io.capstan.runtime.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * The watchers of the HTTP fan-out measurement: raw watch streams over plain HTTP whose event lines
 * are scanned for the pod's sent-time annotation instead of decoded into objects. Real watchers
 * (kubectl -w, controllers) decode in their own processes; here all of them would share the
 * server's two cores, and decoding each event 1,000 times would measure the client's JSON work
 * rather than the server's fan-out. The in-process run keeps full objects.
 */
final class RawWatchers implements AutoCloseable {

  private static final String SENT = "\"bench.capstan.io/sent\":\"";

  // the client's default executor, as the HTTP client's watches use: a fixed pool of two stalled
  // delivery to 1,000 streams (seconds of queueing)
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<Latencies> recorded = new ArrayList<>();
  private final List<CompletableFuture<?>> streams = new ArrayList<>();
  private final List<Subscriber> subscribers = new ArrayList<>();
  private final CountDownLatch done;
  private final CountDownLatch connected;
  private final int expected;

  /** Opens {@code watchers} watches of pods labelled app=fanout in {@code namespace} from {@code resourceVersion}. */
  RawWatchers(URI server, String namespace, String resourceVersion, int watchers, int expected) {
    requireNonNull(server, "server");
    this.expected = expected;
    this.done = new CountDownLatch(watchers);
    this.connected = new CountDownLatch(watchers);
    URI uri = server.resolve("/api/v1/namespaces/" + namespace + "/pods?watch=true&resourceVersion=" + resourceVersion
        + "&labelSelector=" + URLEncoder.encode("app=fanout", StandardCharsets.UTF_8));
    for (int w = 0; w < watchers; w++) {
      Latencies latencies = new Latencies(expected);
      Subscriber subscriber = new Subscriber(latencies);
      recorded.add(latencies);
      subscribers.add(subscriber);
      streams.add(http.sendAsync(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.fromLineSubscriber(subscriber)));
    }
  }

  /** Waits until every watch stream has its response headers (the server registered the watcher). */
  boolean awaitConnected(long seconds) throws InterruptedException {
    return connected.await(seconds, TimeUnit.SECONDS);
  }

  /** Waits until every watcher saw every expected event; false on timeout. */
  boolean await(long seconds) throws InterruptedException {
    return done.await(seconds, TimeUnit.SECONDS);
  }

  List<Latencies> latencies() {
    return recorded;
  }

  @Override
  public void close() {
    subscribers.forEach(Subscriber::cancel);
    streams.forEach(s -> s.cancel(true));
  }

  /** One watch stream: records, per ADDED line, now minus the sent time the line carries. */
  private final class Subscriber implements Flow.Subscriber<String> {
    private final Latencies latencies;
    private volatile Flow.Subscription subscription;

    Subscriber(Latencies latencies) {
      this.latencies = latencies;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      connected.countDown();
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      long now = System.nanoTime();
      if (!line.startsWith("{\"type\":\"ADDED\"")) {
        return;
      }
      int at = line.indexOf(SENT);
      if (at < 0) {
        return;
      }
      int from = at + SENT.length();
      long sent = Long.parseLong(line, from, line.indexOf('"', from), 10);
      synchronized (latencies) {
        latencies.record(now - sent);
        if (latencies.size() == expected) {
          done.countDown();
        }
      }
    }

    @Override
    public void onError(Throwable error) {
      // closed by the bench, or the server stopped: the await reports missing events
    }

    @Override
    public void onComplete() {}

    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }
}
