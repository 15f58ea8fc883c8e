package io.capstan.plugins.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.FutureRevisionException;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What compaction drops, what it keeps, and what it tells the persistence. */
class CompactionTest {

  private final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private final GatedPersistence persistence = new GatedPersistence();
  private TestStore store;

  @BeforeEach
  void open() {
    store = new TestStore(MvccOptions.forTests("test"), persistence, new WallClock(), executor);
    store.start();
  }

  @AfterEach
  void close() throws InterruptedException {
    store.close();
    executor.close();
  }

  private long put(String key, String value) {
    return store.put(Bytes.utf8(key), Bytes.utf8(value));
  }

  @Test
  void dropsOnlyVersionsSupersededBeforeTheWatermark() {
    put("/a", "1"); // 1: superseded at 2 < 4, dropped
    put("/a", "2"); // 2: the value at 4
    put("/b", "1"); // 3: superseded at 4, kept as the prevKv of the delete at 4
    store.delete(Bytes.utf8("/b")); // 4
    put("/c", "1"); // 5

    store.compact(4);

    assertThat(store.compactRevision()).isEqualTo(4);
    assertThat(persistence.compactions()).containsExactly(
        new GatedPersistence.Compaction(4, List.of(new VersionRef(1, 0))));
    assertThatThrownBy(() -> store.get(Bytes.utf8("/a"), 3))
        .isInstanceOfSatisfying(CompactedException.class,
            e -> assertThat(e.compactRevision()).isEqualTo(4));
    assertThat(store.get(Bytes.utf8("/a"), 4)).map(KeyValue::modRevision).contains(2L);
    assertThat(store.get(Bytes.utf8("/b"), 4)).isEmpty();
    assertThat(store.get(Bytes.utf8("/c"), 5)).isPresent();

    List<WatchResponse> fromWatermark = new CopyOnWriteArrayList<>();
    store.watch(WatchRequest.of(KeyRange.all()).fromRevision(4).withPrevKv(), fromWatermark::add);
    await().until(() -> fromWatermark.size() == 2);
    WatchEvent delete = ((WatchResponse.Events) fromWatermark.get(0)).events().get(0);
    assertThat(delete.type()).isEqualTo(WatchEvent.Type.DELETE);
    assertThat(delete.prevKv()).map(KeyValue::modRevision).contains(3L);

    put("/a", "3"); // 6
    store.compact(6);
    assertThat(persistence.compactions().get(1).dropped())
        .as("b's put and tombstone; a@2 stays as the prevKv of a's put at the watermark")
        .containsExactlyInAnyOrder(new VersionRef(3, 0), new VersionRef(4, 0));
    assertThat(store.range(KeyRange.all()).kvs()).extracting(kv -> kv.key().toUtf8())
        .containsExactly("/a", "/c");
  }

  @Test
  void refusesRevisionsAtOrBelowTheWatermarkAndInTheFuture() {
    put("/k", "1");
    put("/k", "2");
    assertThatThrownBy(() -> store.compact(3)).isInstanceOf(FutureRevisionException.class);
    store.compact(2);
    assertThatThrownBy(() -> store.compact(2)).isInstanceOf(CompactedException.class);
    assertThatThrownBy(() -> store.compact(1)).isInstanceOf(CompactedException.class);
    assertThat(store.get(Bytes.utf8("/k"), 2)).map(KeyValue::value).contains(Bytes.utf8("2"));
  }
}
