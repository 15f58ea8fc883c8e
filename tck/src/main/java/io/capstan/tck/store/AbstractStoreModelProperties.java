package io.capstan.tck.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.CompactedException;
import io.capstan.spi.store.Compare;
import io.capstan.spi.store.FutureRevisionException;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.WatchRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Property-based check of a store against {@link ReferenceStore}: random histories of puts,
 * deletes, conditional transactions, reads (latest, past, future) and compactions on eight keys
 * that are prefixes of each other; after every step both must give the same result (revisions,
 * succeeded flag, entries with all metadata, previous entries) or the same typed error, and at the
 * end the same keyspace at every readable revision and the same watch history.
 *
 * <p>A plugin subclasses it as {@code <Plugin>StoreModelProperties} (jqwik finds properties in
 * classes named {@code *Properties}, which the root POM's Surefire includes) and implements {@link
 * #openStore()}, which must return an empty, started store at revision 0 for every try. To change
 * the number of tries, override {@link #storeAgreesWithTheModel} with another {@code @Property}
 * and call {@code super}.
 */
public abstract class AbstractStoreModelProperties {

  private static final List<String> KEYS =
      List.of("/a", "/a/", "/a/1", "/a/2", "/ab", "/b", "/b/1", "/c");

  /** A fresh, empty, started store under test; called once per try. */
  protected abstract Store openStore();

  /** Releases a store from {@link #openStore()}; by default {@link Store#close()}. */
  protected void closeStore(Store store) {
    store.close();
  }

  /** The longest wait for watches to deliver the history at the end of a try. */
  protected Duration patience() {
    return Duration.ofSeconds(15);
  }

  @Property(tries = 50)
  protected void storeAgreesWithTheModel(@ForAll("histories") List<StoreModelOp> history) {
    ReferenceStore model = ReferenceStore.withClock(new ManualClock());
    model.start();
    Store store = openStore();
    try {
      for (int i = 0; i < history.size(); i++) {
        StoreModelOp op = history.get(i);
        Object expected = outcome(model, op);
        Object actual = outcome(store, op);
        assertThat(actual).as("step %d: %s", i, op).isEqualTo(expected);
        assertThat(store.currentRevision()).as("revision after step %d", i)
            .isEqualTo(model.currentRevision());
        assertThat(store.compactRevision()).as("watermark after step %d", i)
            .isEqualTo(model.compactRevision());
      }
      sameHistory(model, store);
    } finally {
      model.close();
      closeStore(store);
    }
  }

  /** The result of {@code op}, or its store error as a comparable string. */
  private static Object outcome(Store store, StoreModelOp op) {
    try {
      return op.applyTo(store);
    } catch (CompactedException e) {
      return "CompactedException(compactRevision=" + e.compactRevision() + ")";
    } catch (FutureRevisionException e) {
      return "FutureRevisionException(currentRevision=" + e.currentRevision() + ")";
    }
  }

  /** Same keyspace at every readable revision, same events from the watermark on. */
  private void sameHistory(ReferenceStore model, Store store) {
    long current = model.currentRevision();
    long from = Math.max(1, model.compactRevision());
    for (long r = from; r <= current; r++) {
      RangeRequest all = RangeRequest.of(KeyRange.all()).atRevision(r);
      assertThat(store.range(all)).as("keyspace at revision %d", r).isEqualTo(model.range(all));
    }
    if (current == 0) {
      return;
    }
    WatchRequest request = WatchRequest.of(KeyRange.all()).fromRevision(from).withPrevKv();
    WatchRecorder expected = new WatchRecorder();
    WatchRecorder actual = new WatchRecorder();
    try (var m = model.watch(request, expected); var s = store.watch(request, actual)) {
      expected.awaitRevision(current, patience());
      actual.awaitRevision(current, patience());
      assertThat(actual.batches()).as("watch from revision %d", from)
          .isEqualTo(expected.batches());
    }
  }

  @Provide
  Arbitrary<List<StoreModelOp>> histories() {
    Arbitrary<StoreModelOp> write = Arbitraries.frequencyOf(
        Tuple.of(5, put().map(op -> TxnRequest.of(op))),
        Tuple.of(2, delete().map(op -> TxnRequest.of(op))),
        Tuple.of(4, conditional())).map(StoreModelOp.Write::new);
    Arbitrary<StoreModelOp> read = Combinators.combine(rangeRequest(),
        Arbitraries.integers().between(-2, 6)).as(StoreModelOp.Read::new);
    Arbitrary<StoreModelOp> compact =
        Arbitraries.integers().between(-1, 8).map(StoreModelOp.Compact::new);
    return Arbitraries.frequencyOf(Tuple.of(10, write), Tuple.of(3, read), Tuple.of(1, compact))
        .list().ofMinSize(20).ofMaxSize(60);
  }

  private static Arbitrary<Bytes> key() {
    return Arbitraries.of(KEYS).map(Bytes::utf8);
  }

  private static Arbitrary<Bytes> value() {
    return Arbitraries.of(Bytes.EMPTY, Bytes.utf8("x"), Bytes.utf8("y"), Bytes.of(0x00, 0xff));
  }

  private static Arbitrary<KeyRange> range() {
    return Arbitraries.oneOf(
        key().map(KeyRange::key),
        key().map(KeyRange::prefix),
        Combinators.combine(key(), key()).as((a, b) ->
            a.compareTo(b) <= 0 ? KeyRange.between(a, b) : KeyRange.between(b, a)),
        key().map(KeyRange::fromKey),
        Arbitraries.just(KeyRange.all()));
  }

  private static Arbitrary<RangeRequest> rangeRequest() {
    return Combinators.combine(range(), Arbitraries.longs().between(0, 3),
        Arbitraries.of(false, false, true), Arbitraries.of(false, false, true))
        .as((range, limit, keysOnly, countOnly) ->
            new RangeRequest(range, 0, limit, keysOnly, countOnly));
  }

  private static Arbitrary<Op> put() {
    return Combinators.combine(key(), value(), Arbitraries.of(false, true))
        .as((k, v, prev) -> prev ? Op.put(k, v).withPrevKv() : Op.put(k, v));
  }

  private static Arbitrary<Op> delete() {
    return Combinators.combine(range(), Arbitraries.of(false, true))
        .as((r, prev) -> prev ? Op.delete(r).withPrevKv() : Op.delete(r));
  }

  private static Arbitrary<Op> op() {
    return Arbitraries.frequencyOf(Tuple.of(3, put()), Tuple.of(1, delete()),
        Tuple.of(1, rangeRequest().map(Op::range)));
  }

  private static Arbitrary<Compare> compare() {
    return Combinators.combine(key(), Arbitraries.of(Compare.Target.values()),
        Arbitraries.of(Compare.Operator.values()), Arbitraries.longs().between(0, 40), value())
        .as((k, target, operator, n, v) -> switch (target) {
          case VALUE -> new Compare(k, target, operator, 0, v);
          case LEASE -> new Compare(k, target, operator, 0, Bytes.EMPTY); // no leases here
          case VERSION -> new Compare(k, target, operator, n % 4, Bytes.EMPTY);
          default -> new Compare(k, target, operator, n, Bytes.EMPTY);
        });
  }

  /** A transaction with compares and both branches; invalid ones (a key twice) are dropped. */
  private static Arbitrary<TxnRequest> conditional() {
    return Combinators.combine(compare().list().ofMaxSize(2), op().list().ofMaxSize(3),
            op().list().ofMaxSize(2))
        .as(AbstractStoreModelProperties::validTxn)
        .filter(Optional::isPresent)
        .map(Optional::get);
  }

  private static Optional<TxnRequest> validTxn(List<Compare> compares, List<Op> success,
      List<Op> failure) {
    try {
      return Optional.of(new TxnRequest(compares, success, failure));
    } catch (IllegalArgumentException invalid) {
      return Optional.empty();
    }
  }
}
