package io.capstan.tck.etcd;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits for a starting etcd to report itself healthy: {@code GET /health} answering 200 with
 * {@code "health":"true"}, which etcd 3.4 only does once the member has a leader and can serve a
 * read. Polls the local port every few milliseconds for a bounded time and stops early when the
 * process dies, so a bad flag fails in milliseconds with etcd's own complaint in the message.
 */
final class EtcdHealth {

  private static final Duration POLL_EVERY = Duration.ofMillis(25);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

  private EtcdHealth() {}

  static void awaitHealthy(EtcdProcess etcd, Process process, long withinMillis) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(etcd.metricsEndpoint() + "/health"))
        .timeout(REQUEST_TIMEOUT)
        .GET()
        .build();
    long deadline = System.nanoTime() + withinMillis * 1_000_000;
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("etcd exited with code " + process.exitValue()
            + " before becoming healthy; " + etcd.logFile() + " ends with:\n" + etcd.logTail());
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"true\"")) {
          return;
        }
        last = "HTTP " + response.statusCode() + " " + response.body().strip();
      } catch (IOException e) {
        last = e.toString(); // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + etcd, e);
      }
      pause();
    }
    throw new IllegalStateException("etcd at " + etcd.metricsEndpoint() + " not healthy within "
        + withinMillis + " ms (last answer: " + last + "); " + etcd.logFile() + " ends with:\n"
        + etcd.logTail());
  }

  /** The poll interval of a bounded readiness loop, not a wait standing in for an assertion. */
  private static void pause() {
    try {
      Thread.sleep(POLL_EVERY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for etcd", e);
    }
  }
}
