package io.capstan.tck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.FutureRevisionException;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.RangeResult;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.TxnRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Ranges, historical reads, paging and values; part of {@link AbstractStoreConformanceTest}. */
public abstract class StoreRangeConformance extends StoreTxnConformance {

  private List<Bytes> keys(KeyRange range) {
    return store().range(range).kvs().stream().map(KeyValue::key).toList();
  }

  @Test
  void rangeByKeyPrefixIntervalFromKeyAndAll() {
    for (String k : List.of("/a", "/a/1", "/a/2", "/a/3", "/b", "/b/1", "/c")) {
      put(k, "v" + k);
    }
    assertThat(keys(KeyRange.key(b("/a/2")))).containsExactly(b("/a/2"));
    assertThat(keys(KeyRange.key(b("/a/9")))).isEmpty();
    assertThat(keys(KeyRange.prefix(b("/a/")))).containsExactly(b("/a/1"), b("/a/2"), b("/a/3"));
    assertThat(keys(KeyRange.between(b("/a/2"), b("/b/1"))))
        .as("[start, end): start included, end excluded").containsExactly(b("/a/2"), b("/a/3"), b("/b"));
    assertThat(keys(KeyRange.between(b("/b"), b("/b")))).as("an empty interval").isEmpty();
    assertThat(keys(KeyRange.fromKey(b("/b")))).containsExactly(b("/b"), b("/b/1"), b("/c"));
    assertThat(keys(KeyRange.all())).hasSize(7);
    assertThat(store().get(b("/a/1")).orElseThrow().value()).isEqualTo(b("v/a/1"));
  }

  @Test
  void keysSortByteWiseUnsignedIncludingBinaryKeys() {
    List<Bytes> sorted = List.of(Bytes.of(0x00), Bytes.of(0x00, 0x00), Bytes.of(0x00, 0xff),
        Bytes.of(0x01), Bytes.of(0x61), Bytes.of(0x7f), Bytes.of(0x80), Bytes.of(0xfe, 0xff),
        Bytes.of(0xff), Bytes.of(0xff, 0x00), Bytes.of(0xff, 0xff), Bytes.of(0xff, 0xff, 0xff));
    List<Bytes> shuffled = new ArrayList<>(sorted);
    java.util.Collections.shuffle(shuffled, new Random(7));
    for (Bytes k : shuffled) {
      store().put(k, k);
    }
    assertThat(keys(KeyRange.all())).containsExactlyElementsOf(sorted);
    assertThat(keys(KeyRange.prefix(Bytes.of(0x00)))).containsExactly(
        Bytes.of(0x00), Bytes.of(0x00, 0x00), Bytes.of(0x00, 0xff));
    assertThat(keys(KeyRange.prefix(Bytes.of(0xff)))).as("an all-0xff prefix has no upper bound")
        .containsExactly(Bytes.of(0xff), Bytes.of(0xff, 0x00), Bytes.of(0xff, 0xff),
            Bytes.of(0xff, 0xff, 0xff));
    assertThat(keys(KeyRange.prefix(Bytes.of(0xfe)))).containsExactly(Bytes.of(0xfe, 0xff));
    assertThat(keys(KeyRange.between(Bytes.of(0x7f), Bytes.of(0xff))))
        .containsExactly(Bytes.of(0x7f), Bytes.of(0x80), Bytes.of(0xfe, 0xff));
    assertThat(store().get(Bytes.of(0x00, 0xff)).orElseThrow().value()).isEqualTo(Bytes.of(0x00, 0xff));
  }

  /**
   * A prefix is a byte prefix, not a path: {@code /a/} does not match {@code /ab/x}, but {@code /a}
   * does match {@code /ab}, as etcd documents ({@code etcdctl get --prefix /a} returns {@code /ab}).
   * Callers that mean a directory end the prefix with the separator, as Kubernetes does.
   */
  @Test
  void prefixIsABytePrefixNotAPath() {
    for (String k : List.of("/a", "/a/x", "/ab", "/ab/x", "/b")) {
      put(k, "v");
    }
    assertThat(keys(KeyRange.prefix(b("/a/")))).containsExactly(b("/a/x"));
    assertThat(keys(KeyRange.prefix(b("/a")))).containsExactly(b("/a"), b("/a/x"), b("/ab"), b("/ab/x"));
  }

  @Test
  void limitCutsTheResultAndReportsMoreAndTheFullCount() {
    for (int i = 0; i < 10; i++) {
      put("/l/" + i, "v" + i);
    }
    RangeResult page = store().range(RangeRequest.of(KeyRange.prefix(b("/l/"))).withLimit(3));
    assertThat(page.kvs()).extracting(KeyValue::key).containsExactly(b("/l/0"), b("/l/1"), b("/l/2"));
    assertThat(page.more()).isTrue();
    assertThat(page.count()).isEqualTo(10);
    assertThat(page.revision()).isEqualTo(10);
    RangeResult exact = store().range(RangeRequest.of(KeyRange.prefix(b("/l/"))).withLimit(10));
    assertThat(exact.kvs()).hasSize(10);
    assertThat(exact.more()).as("limit equal to the count").isFalse();
    RangeResult over = store().range(RangeRequest.of(KeyRange.prefix(b("/l/"))).withLimit(50));
    assertThat(over.more()).isFalse();
    assertThat(over.count()).isEqualTo(10);
  }

  @Test
  void keysOnlyAndCountOnly() {
    long r1 = put("/ko/a", "alpha");
    long r2 = put("/ko/b", "beta");
    RangeResult keysOnly = store().range(RangeRequest.of(KeyRange.prefix(b("/ko/"))).withKeysOnly());
    assertThat(keysOnly.kvs()).containsExactly(
        KeyValue.of(b("/ko/a"), Bytes.EMPTY, r1, r1, 1), KeyValue.of(b("/ko/b"), Bytes.EMPTY, r2, r2, 1));
    RangeResult countOnly = store().range(RangeRequest.of(KeyRange.prefix(b("/ko/"))).withCountOnly());
    assertThat(countOnly.kvs()).isEmpty();
    assertThat(countOnly.count()).isEqualTo(2);
    assertThat(countOnly.revision()).isEqualTo(r2);
  }

  @Test
  void readsAtPastRevisionsSeeTheKeyspaceAsItWas() {
    long r1 = put("/h/a", "1");
    long r2 = put("/h/a", "2");
    long r3 = put("/h/b", "x");
    assertThat(store().delete(b("/h/a"))).isTrue();
    long r4 = store().currentRevision();
    Store s = store();
    assertThat(s.get(b("/h/a"), r1)).contains(KeyValue.of(b("/h/a"), b("1"), r1, r1, 1));
    assertThat(s.get(b("/h/a"), r2)).contains(KeyValue.of(b("/h/a"), b("2"), r1, r2, 2));
    assertThat(s.get(b("/h/a"), r4)).isEmpty();
    assertThat(s.get(b("/h/b"), r2)).isEmpty();
    RangeResult atR3 = s.range(RangeRequest.of(KeyRange.prefix(b("/h/"))).atRevision(r3));
    assertThat(atR3.revision()).isEqualTo(r3);
    assertThat(atR3.kvs()).extracting(KeyValue::key).containsExactly(b("/h/a"), b("/h/b"));
    RangeResult latest = s.range(KeyRange.prefix(b("/h/")));
    assertThat(latest.revision()).isEqualTo(r4);
    assertThat(latest.kvs()).extracting(KeyValue::key).containsExactly(b("/h/b"));
  }

  @Test
  void compactedAndFutureRevisionsAreRefusedWithTypedErrors() {
    for (int i = 0; i < 5; i++) {
      put("/cf/k", "v" + i);
    }
    store().compact(3);
    assertThatThrownBy(() -> store().get(b("/cf/k"), 2))
        .isInstanceOfSatisfying(CompactedException.class, e -> assertThat(e.compactRevision()).isEqualTo(3));
    assertThat(store().get(b("/cf/k"), 3).orElseThrow().value()).as("the watermark stays readable")
        .isEqualTo(b("v2"));
    assertThatThrownBy(() -> store().range(RangeRequest.of(KeyRange.all()).atRevision(6)))
        .isInstanceOfSatisfying(FutureRevisionException.class,
            e -> assertThat(e.currentRevision()).isEqualTo(5));
  }

  @Test
  void pagingWithLastKeySuccessorAtAPinnedRevisionReturnsExactlyThatSnapshot() throws Exception {
    for (int i = 0; i < 60; i++) {
      put(String.format("/pg/%03d", i * 2), "v" + i);
    }
    long pinned = store().currentRevision();
    List<KeyValue> expected = store().range(KeyRange.prefix(b("/pg/"))).kvs();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        Random random = new Random(w);
        running.add(writers.submit(() -> {
          while (!stop.get()) {
            int n = random.nextInt(120);
            Bytes key = b(String.format("/pg/%03d", n));
            if (random.nextBoolean()) {
              store().txn(TxnRequest.of(Op.put(key, b("new"))));
            } else {
              store().txn(TxnRequest.of(Op.delete(key)));
            }
          }
          return null;
        }));
      }
      List<KeyValue> paged = new ArrayList<>();
      RangeRequest request = RangeRequest.of(KeyRange.prefix(b("/pg/"))).atRevision(pinned).withLimit(7);
      int pages = 0;
      while (true) {
        // Let the writers change the keyspace between every two pages.
        long seen = store().currentRevision();
        waitFor("concurrent writes before the next page").until(() -> store().currentRevision() > seen);
        RangeResult page = store().range(request);
        pages++;
        assertThat(page.revision()).as("every page is served at the pinned revision").isEqualTo(pinned);
        KeyRange asked = request.range();
        assertThat(page.count()).as("count of %s at the pinned revision", asked)
            .isEqualTo(expected.stream().filter(kv -> asked.contains(kv.key())).count());
        paged.addAll(page.kvs());
        if (!page.more()) {
          break;
        }
        request = request.withRange(request.range().after(page.lastKey().orElseThrow()));
      }
      stop.set(true);
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
      assertThat(pages).isEqualTo(9);
      assertThat(paged).containsExactlyElementsOf(expected);
      assertThat(store().currentRevision()).as("the writers really wrote").isGreaterThan(pinned);
    } finally {
      stop.set(true);
      writers.shutdownNow();
    }
  }

  @Test
  void largeBinaryAndEmptyValuesRoundTrip() {
    byte[] allBytes = new byte[256 * 4];
    for (int i = 0; i < allBytes.length; i++) {
      allBytes[i] = (byte) i;
    }
    byte[] mebibyte = new byte[1024 * 1024];
    new Random(1).nextBytes(mebibyte);
    byte[] floor = new byte[Store.MIN_MAX_VALUE_BYTES];
    new Random(2).nextBytes(floor);
    store().put(b("/v/all"), Bytes.copyOf(allBytes));
    store().put(b("/v/mib"), Bytes.copyOf(mebibyte));
    store().put(b("/v/floor"), Bytes.copyOf(floor));
    store().put(b("/v/empty"), Bytes.EMPTY);
    assertThat(store().get(b("/v/all")).orElseThrow().value().toByteArray()).isEqualTo(allBytes);
    assertThat(Arrays.equals(store().get(b("/v/mib")).orElseThrow().value().toByteArray(), mebibyte))
        .as("1 MiB value round-trips").isTrue();
    assertThat(Arrays.equals(store().get(b("/v/floor")).orElseThrow().value().toByteArray(), floor))
        .as("a value of Store.MIN_MAX_VALUE_BYTES round-trips").isTrue();
    KeyValue empty = store().get(b("/v/empty")).orElseThrow();
    assertThat(empty.value()).isEqualTo(Bytes.EMPTY);
    assertThat(empty.version()).as("an empty value is a value, not a delete").isEqualTo(1);
  }

  @Test
  void valuesAboveTheStoresLimitAreRefusedNotTruncated() {
    long r = put("/big/k", "small");
    OptionalInt limit = maxValueBytes();
    if (limit.isEmpty()) {
      return; // the store declares no fixed limit; the floor is checked above
    }
    assertThat(limit.getAsInt()).as("declared limit").isGreaterThanOrEqualTo(Store.MIN_MAX_VALUE_BYTES);
    Bytes tooBig = Bytes.copyOf(new byte[limit.getAsInt() + 1]);
    assertThatIllegalArgumentException().isThrownBy(() -> store().put(b("/big/k"), tooBig));
    assertThatIllegalArgumentException().isThrownBy(() -> store().txn(TxnRequest.of(
        Op.put(b("/big/other"), b("x")), Op.put(b("/big/k"), tooBig))));
    assertThat(store().currentRevision()).isEqualTo(r);
    assertThat(store().range(KeyRange.prefix(b("/big/"))).kvs()).extracting(KeyValue::value)
        .containsExactly(b("small"));
  }
}
