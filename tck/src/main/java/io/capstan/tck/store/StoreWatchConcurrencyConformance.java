package io.capstan.tck.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.Compare;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Concurrency: compare-and-swap under contention, many watchers against concurrent writers,
 * resumption and progress notifications; part of {@link AbstractStoreConformanceTest}.
 */
public abstract class StoreWatchConcurrencyConformance extends StoreWatchConformance {

  private static final List<String> PREFIXES = List.of("/mw/", "/mw/a", "/mw/a/", "/mw/ab/", "/mw/b/");
  private static final List<String> KEYS = List.of("/mw/a", "/mw/a/0", "/mw/a/1", "/mw/a/2",
      "/mw/ab/0", "/mw/ab/1", "/mw/ab/2", "/mw/b/0", "/mw/b/1", "/mw/b/2", "/mw/c");

  /** Runs {@code tasks} on their own threads, all released at once, and waits for them. */
  private <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          go.await();
          return task.call();
        }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(patience().toMillis() * 4, TimeUnit.MILLISECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentCompareAndSwapIncrementsAreLinearizable() throws Exception {
    int threads = 8;
    int increments = 50;
    Bytes counter = b("/cas/counter");
    long start = store().put(counter, b("0"));
    List<Callable<List<Long>>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(() -> {
        List<Long> won = new ArrayList<>();
        KeyValue seen = store().get(counter).orElseThrow();
        long mod = seen.modRevision();
        long n = Long.parseLong(seen.value().toUtf8());
        while (won.size() < increments) {
          // Kubernetes' GuaranteedUpdate: write if unchanged, else take the current entry back.
          TxnResult r = store().txn(TxnRequest.when(Compare.modRevision(counter).equal(mod))
              .then(Op.put(counter, b(Long.toString(n + 1))))
              .otherwise(Op.get(counter)));
          if (r.succeeded()) {
            won.add(r.revision());
            mod = r.revision();
            n++;
          } else {
            KeyValue current = r.rangeResult(0).first().orElseThrow();
            mod = current.modRevision();
            n = Long.parseLong(current.value().toUtf8());
          }
        }
        return won;
      });
    }
    List<Long> revisions = runTogether(workers).stream().flatMap(List::stream).sorted().toList();
    int total = threads * increments;
    assertThat(get("/cas/counter").orElseThrow().value().toUtf8()).isEqualTo(Integer.toString(total));
    assertThat(revisions).as("one distinct revision per successful CAS, and nothing else written")
        .containsExactlyElementsOf(LongStream.rangeClosed(start + 1, start + total).boxed().toList());
    assertThat(get("/cas/counter").orElseThrow().version()).isEqualTo(total + 1L);
  }

  /** One random write txn on {@link #KEYS}, its ops in key order so the oracle matches. */
  private void randomWrite(Random random) {
    int choice = random.nextInt(10);
    String k1 = KEYS.get(random.nextInt(KEYS.size()));
    String k2 = KEYS.get(random.nextInt(KEYS.size()));
    if (choice < 5) {
      put(k1, "v" + random.nextInt(1000));
    } else if (choice < 7) {
      store().delete(b(k1));
    } else if (choice < 9 && !k1.equals(k2)) {
      Bytes first = b(k1).compareTo(b(k2)) < 0 ? b(k1) : b(k2);
      Bytes second = first.equals(b(k1)) ? b(k2) : b(k1);
      store().txn(TxnRequest.of(Op.put(first, b("m")), Op.put(second, b("m"))));
    } else {
      store().txn(TxnRequest.of(Op.delete(KeyRange.prefix(b(PREFIXES.get(random.nextInt(5)))))));
    }
  }

  @Test
  void manyWatchersOnOverlappingPrefixesSeeExactlyTheirEventsDuringConcurrentWrites()
      throws Exception {
    Random seed = new Random(42);
    for (int i = 0; i < 10; i++) {
      randomWrite(seed);
    }
    List<Map.Entry<WatchRequest, WatchRecorder>> watchers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      WatchRequest request = WatchRequest.of(KeyRange.prefix(b(PREFIXES.get(i % PREFIXES.size()))))
          .fromRevision(i % 2 == 0 ? 0 : 1 + i % 7);
      request = switch (i % 4) {
        case 1 -> request.withPrevKv();
        case 2 -> request.withoutDeletes();
        case 3 -> request.withoutPuts().withPrevKv();
        default -> request;
      };
      Map.Entry<Watch, WatchRecorder> w = watchWithHandle(request);
      watchers.add(Map.entry(request.fromRevision(w.getKey().startRevision()), w.getValue()));
    }
    List<Callable<Void>> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Random random = new Random(t);
      writers.add(() -> {
        for (int i = 0; i < 100; i++) {
          randomWrite(random);
        }
        return null;
      });
    }
    runTogether(writers);
    // Fences: a put and then a delete inside every prefix, so each watcher, whatever its filter,
    // has a last event to wait for, and a trailing duplicate would show before it.
    Op[] fencePuts = PREFIXES.stream().map(p -> b(p + "~fence")).sorted()
        .map(k -> (Op) Op.put(k, b("f"))).toArray(Op[]::new);
    long fence = store().txn(TxnRequest.of(fencePuts)).revision();
    long fenceDelete = store().txn(TxnRequest.of(PREFIXES.stream().map(p -> b(p + "~fence"))
        .sorted().map(k -> (Op) Op.delete(k)).toArray(Op[]::new))).revision();
    List<WatchEvent> all = historyEvents(1, fence - 1);
    for (Map.Entry<WatchRequest, WatchRecorder> w : watchers) {
      WatchRecorder recorder = w.getValue();
      recorder.awaitRevision(w.getKey().noPut() ? fenceDelete : fence, patience());
      assertThat(recorder.events().stream().filter(e -> e.revision() < fence).toList())
          .as("events of %s", w.getKey())
          .containsExactlyElementsOf(expectedFor(w.getKey(), all));
      assertNoViolations(recorder);
    }
  }

  @Test
  void resumingFromLastRevisionPlusOneGivesTheUninterruptedSequence() throws Exception {
    Random random = new Random(11);
    for (int i = 0; i < 30; i++) {
      randomWrite(random);
    }
    WatchRequest request = WatchRequest.of(KeyRange.prefix(b("/mw/a"))).fromRevision(1).withPrevKv();
    WatchRecorder whole = watch(request);
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      Random r = new Random(12);
      for (int i = 0; i < 60; i++) {
        randomWrite(r);
      }
    });
    List<WatchEvent> pieced = new ArrayList<>();
    long next = 1;
    for (int piece = 0; piece < 4; piece++) {
      // A listener that takes the first few batches and then plays dead, as a broken connection
      // would; the watch is cancelled and resumed from the last batch it took + 1.
      int cancelAfter = 1 + random.nextInt(4);
      List<WatchResponse.Events> got = new CopyOnWriteArrayList<>();
      Watch w = store().watch(request.fromRevision(next), response -> {
        if (response instanceof WatchResponse.Events events && got.size() < cancelAfter) {
          got.add(events);
        }
      });
      waitFor("batch " + cancelAfter + " of piece " + piece).until(() -> got.size() == cancelAfter);
      w.cancel();
      got.forEach(batch -> pieced.addAll(batch.events()));
      next = got.get(got.size() - 1).revision() + 1;
    }
    writer.get(patience().toMillis() * 2, TimeUnit.MILLISECONDS);
    long last = put("/mw/a/end", "end");
    WatchRecorder rest = watch(request.fromRevision(next));
    rest.awaitRevision(last, patience());
    whole.awaitRevision(last, patience());
    pieced.addAll(rest.events());
    assertThat(pieced).containsExactlyElementsOf(whole.events());
    assertThat(whole.events()).containsExactlyElementsOf(expectedFor(request, historyEvents(1, last)));
  }

  @Test
  void progressAtRIsNeverFollowedByAnEventAtOrBelowR() throws Exception {
    WatchRequest request = WatchRequest.of(KeyRange.prefix(b("/pr/"))).fromRevision(1).withProgressNotify();
    WatchRecorder recorder = watch(request);
    runTogether(List.of(() -> {
      Random random = new Random(5);
      for (int i = 0; i < 100; i++) {
        // Writes outside the range too: a progress must cover revisions the watch filtered out.
        put((random.nextBoolean() ? "/pr/" : "/other/") + random.nextInt(5), "v" + i);
        if (i % 10 == 0) {
          requestProgress(store());
        }
      }
      return null;
    }));
    long last = store().currentRevision();
    List<WatchEvent> expected = expectedFor(request, historyEvents(1, last));
    recorder.awaitRevision(expected.get(expected.size() - 1).revision(), patience());
    if (requestProgress(store())) {
      waitFor("a requested Progress at the latest revision").until(() ->
          recorder.responses().stream().anyMatch(r -> r instanceof WatchResponse.Progress p
              && p.revision() >= last));
    }
    List<WatchEvent> seen = new ArrayList<>();
    for (WatchResponse response : recorder.responses()) {
      if (response instanceof WatchResponse.Events events) {
        seen.addAll(events.events());
      } else if (response instanceof WatchResponse.Progress progress) {
        assertThat(seen).as("events delivered before Progress at %d", progress.revision())
            .containsExactlyElementsOf(expected.stream()
                .filter(e -> e.revision() <= progress.revision()).toList());
      }
    }
    assertNoViolations(recorder);
  }
}
