package io.capstan.tck.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Watch semantics on a single watcher; part of {@link AbstractStoreConformanceTest}. */
public abstract class StoreWatchConformance extends StoreRangeConformance {

  /** Writes a little of everything: creates, updates, a multi-key txn, deletes. */
  private void writeMixedHistory() {
    put("/w/a", "1");
    put("/w/b", "1");
    // In key order, so the oracle (which orders a revision's events by key) agrees.
    store().txn(TxnRequest.of(Op.put(b("/w/a"), b("2")), Op.delete(b("/w/b")),
        Op.put(b("/w/c"), b("1"))));
    put("/x/outside", "1");
    store().txn(TxnRequest.of(Op.delete(KeyRange.prefix(b("/w/")))));
    put("/w/a", "3");
  }

  @Test
  void watchReplaysHistoryThenDeliversLiveEventsInOrderExactlyOnce() {
    writeMixedHistory();
    long replayed = store().currentRevision();
    WatchRequest request = WatchRequest.of(KeyRange.prefix(b("/w/"))).fromRevision(1);
    WatchRecorder recorder = watch(request);
    writeMixedHistory();
    long last = store().currentRevision();
    recorder.awaitRevision(last, patience());

    List<WatchEvent> all = historyEvents(1, last);
    assertThat(recorder.events()).containsExactlyElementsOf(expectedFor(request, all));
    assertThat(recorder.batches()).allSatisfy(batch -> assertThat(batch.events())
        .as("revision %d arrives whole", batch.revision())
        .containsExactlyElementsOf(expectedFor(request, all).stream()
            .filter(e -> e.revision() == batch.revision()).toList()));
    assertThat(recorder.lastEventRevision()).isGreaterThan(replayed);
    assertThat(recorder.callers()).as("the listener never runs on the writing thread")
        .doesNotContain(Thread.currentThread());
    assertNoViolations(recorder);
  }

  @Test
  void eventsOfOneTxnArriveTogetherInTheOrderTheTxnMadeThem() {
    put("/o/b", "old");
    put("/o/d1", "x");
    put("/o/d2", "y");
    WatchRecorder recorder = watch(WatchRequest.of(KeyRange.prefix(b("/o/"))));
    long r = store().txn(TxnRequest.of(Op.put(b("/o/c"), b("1")), Op.put(b("/o/a"), b("1")),
        Op.delete(b("/o/b")), Op.put(b("/p/outside"), b("1")),
        Op.delete(KeyRange.prefix(b("/o/d"))))).revision();
    recorder.awaitRevision(r, patience());
    assertThat(recorder.batches()).hasSize(1);
    assertThat(recorder.batches().get(0).revision()).isEqualTo(r);
    assertThat(recorder.events()).containsExactly(
        WatchEvent.put(KeyValue.of(b("/o/c"), b("1"), r, r, 1)),
        WatchEvent.put(KeyValue.of(b("/o/a"), b("1"), r, r, 1)),
        WatchEvent.delete(b("/o/b"), r),
        WatchEvent.delete(b("/o/d1"), r),
        WatchEvent.delete(b("/o/d2"), r));
    assertNoViolations(recorder);
  }

  @Test
  void prevKvIsAttachedOnlyWhenAsked() {
    WatchRecorder with = watch(WatchRequest.of(KeyRange.prefix(b("/pk/"))).withPrevKv());
    WatchRecorder without = watch(WatchRequest.of(KeyRange.prefix(b("/pk/"))));
    long r1 = put("/pk/a", "1");
    long r2 = put("/pk/a", "2");
    store().delete(b("/pk/a"));
    long r3 = store().currentRevision();
    with.awaitRevision(r3, patience());
    without.awaitRevision(r3, patience());
    KeyValue v1 = KeyValue.of(b("/pk/a"), b("1"), r1, r1, 1);
    KeyValue v2 = KeyValue.of(b("/pk/a"), b("2"), r1, r2, 2);
    assertThat(with.events()).containsExactly(
        WatchEvent.put(v1), WatchEvent.put(v2).withPrevKv(v1), WatchEvent.delete(b("/pk/a"), r3).withPrevKv(v2));
    assertThat(without.events()).containsExactly(
        WatchEvent.put(v1), WatchEvent.put(v2), WatchEvent.delete(b("/pk/a"), r3));
  }

  @Test
  void noPutAndNoDeleteFiltersLeaveOutTheirEvents() {
    WatchRecorder deletesOnly = watch(WatchRequest.of(KeyRange.prefix(b("/f/"))).withoutPuts());
    WatchRecorder putsOnly = watch(WatchRequest.of(KeyRange.prefix(b("/f/"))).withoutDeletes());
    long r1 = put("/f/a", "1");
    store().delete(b("/f/a"));
    long r2 = store().currentRevision();
    long r3 = put("/f/b", "1"); // a last put so the delete-only watcher's silence means something
    store().delete(b("/f/b"));
    long r4 = store().currentRevision();
    deletesOnly.awaitRevision(r4, patience());
    putsOnly.awaitRevision(r3, patience());
    assertThat(deletesOnly.events()).containsExactly(
        WatchEvent.delete(b("/f/a"), r2), WatchEvent.delete(b("/f/b"), r4));
    assertThat(putsOnly.events()).extracting(WatchEvent::revision).containsExactly(r1, r3);
    assertThat(putsOnly.events()).allMatch(e -> e.type() == WatchEvent.Type.PUT);
  }

  @Test
  void watchFromRevisionZeroStartsAfterTheCurrentRevision() {
    put("/z/a", "1");
    put("/z/a", "2");
    Map.Entry<Watch, WatchRecorder> w = watchWithHandle(WatchRequest.of(KeyRange.prefix(b("/z/"))));
    assertThat(w.getKey().startRevision()).isEqualTo(3);
    long r = put("/z/a", "3");
    w.getValue().awaitRevision(r, patience());
    assertThat(w.getValue().events()).extracting(WatchEvent::revision).containsExactly(r);
  }

  @Test
  void watchFromAFutureRevisionWaitsForIt() {
    put("/fu/a", "1");
    Map.Entry<Watch, WatchRecorder> w =
        watchWithHandle(WatchRequest.of(KeyRange.prefix(b("/fu/"))).fromRevision(4));
    assertThat(w.getKey().startRevision()).isEqualTo(4);
    put("/fu/a", "2");
    put("/fu/a", "3");
    put("/fu/a", "4");
    put("/fu/a", "5");
    w.getValue().awaitRevision(5, patience());
    assertThat(w.getValue().events()).extracting(WatchEvent::revision).containsExactly(4L, 5L);
  }

  @Test
  void cancelStopsDeliveryAlsoFromInsideTheListener() {
    Map.Entry<Watch, WatchRecorder> w = watchWithHandle(WatchRequest.of(KeyRange.prefix(b("/cx/"))));
    AtomicReference<Watch> self = new AtomicReference<>();
    AtomicInteger selfCalls = new AtomicInteger();
    self.set(store().watch(WatchRequest.of(KeyRange.prefix(b("/cx/"))), response -> {
      selfCalls.incrementAndGet();
      self.get().cancel();
    }));
    long r1 = put("/cx/a", "1");
    w.getValue().awaitRevision(r1, patience());
    waitFor("the self-cancelling listener's call").until(() -> selfCalls.get() == 1);
    w.getKey().cancel();
    w.getKey().cancel(); // idempotent
    int seen = w.getValue().responses().size();
    put("/cx/a", "2");
    long r3 = put("/cx/a", "3");
    WatchRecorder witness = watch(WatchRequest.of(KeyRange.prefix(b("/cx/"))).fromRevision(r1));
    witness.awaitRevision(r3, patience());
    assertThat(w.getValue().responses()).as("responses after cancel returned").hasSize(seen);
    assertThat(w.getValue().terminal()).as("a cancellation sends no terminal response").isEmpty();
    assertThat(selfCalls).as("calls after the listener cancelled itself").hasValue(1);
  }

  @Test
  void watchFromACompactedRevisionEndsWithCompacted() {
    for (int i = 0; i < 6; i++) {
      put("/wc/a", "v" + i);
    }
    store().compact(4);
    WatchRecorder tooOld = watch(WatchRequest.of(KeyRange.prefix(b("/wc/"))).fromRevision(2));
    WatchResponse end = tooOld.awaitTerminal(patience());
    assertThat(end).isEqualTo(new WatchResponse.Compacted(4));
    assertThat(tooOld.events()).isEmpty();
    WatchRecorder atWatermark = watch(WatchRequest.of(KeyRange.prefix(b("/wc/"))).fromRevision(4));
    atWatermark.awaitRevision(6, patience());
    assertThat(atWatermark.events()).extracting(WatchEvent::revision).containsExactly(4L, 5L, 6L);
  }

  @Test
  void aThrowingListenerEndsItsWatchWithFailed() {
    List<WatchResponse> seen = new CopyOnWriteArrayList<>();
    store().watch(WatchRequest.of(KeyRange.prefix(b("/th/"))), response -> {
      seen.add(response);
      if (response instanceof WatchResponse.Events) {
        throw new IllegalStateException("deliberate failure from a conformance test");
      }
    });
    put("/th/a", "1");
    waitFor("the throwing listener's watch to end")
        .until(() -> seen.stream().anyMatch(WatchResponse::isTerminal));
    put("/th/a", "2");
    WatchRecorder witness = watch(WatchRequest.of(KeyRange.prefix(b("/th/"))).fromRevision(1));
    witness.awaitRevision(2, patience());
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1)).isInstanceOf(WatchResponse.Failed.class);
    assertThat(seen.get(1).revision()).as("Failed.lastRevision").isBetween(0L, 1L);
  }
}
