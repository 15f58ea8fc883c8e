package io.capstan.tck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.Compare;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.OpResult;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.TxnResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Revisions, per-key metadata and transactions; part of {@link AbstractStoreConformanceTest}.
 */
public abstract class StoreTxnConformance extends StoreConformanceSupport {

  @Test
  void emptyStoreIsAtRevisionZero() {
    assertThat(store().currentRevision()).isZero();
    assertThat(store().compactRevision()).isZero();
    var all = store().range(KeyRange.all());
    assertThat(all.kvs()).isEmpty();
    assertThat(all.count()).isZero();
    assertThat(all.revision()).isZero();
  }

  @Test
  void everyWriteTxnRaisesTheRevisionByExactlyOne() {
    assertThat(put("/r/a", "1")).isEqualTo(1);
    assertThat(put("/r/a", "2")).isEqualTo(2);
    assertThat(put("/r/a", "2")).as("a put of the same value still counts").isEqualTo(3);
    assertThat(store().delete(b("/r/a"))).isTrue();
    assertThat(store().currentRevision()).isEqualTo(4);
    TxnResult multi = store().txn(TxnRequest.of(
        Op.put(b("/r/b"), b("x")), Op.put(b("/r/c"), b("y")), Op.put(b("/r/d"), b("z"))));
    assertThat(multi.revision()).as("three puts in one txn").isEqualTo(5);
    assertThat(store().currentRevision()).isEqualTo(5);
  }

  @Test
  void multiKeyTxnSharesOneModRevision() {
    put("/m/gone", "x");
    TxnResult r = store().txn(TxnRequest.of(Op.put(b("/m/a"), b("1")), Op.put(b("/m/b"), b("2")),
        Op.delete(b("/m/gone")), Op.put(b("/m/c"), b("3"))));
    assertThat(r.revision()).isEqualTo(2);
    assertThat(store().range(KeyRange.prefix(b("/m/"))).kvs())
        .extracting(KeyValue::key, KeyValue::modRevision, KeyValue::createRevision)
        .containsExactly(
            tuple(b("/m/a"), 2L, 2L),
            tuple(b("/m/b"), 2L, 2L),
            tuple(b("/m/c"), 2L, 2L));
  }

  @Test
  void txnsThatChangeNothingLeaveTheRevisionAlone() {
    put("/n/a", "1");
    put("/n/b", "2");
    Store s = store();
    TxnResult readOnly = s.txn(TxnRequest.of(Op.get(b("/n/a")), Op.range(RangeRequest.of(KeyRange.all()))));
    assertThat(readOnly.revision()).isEqualTo(2);
    assertThat(readOnly.rangeResult(0).revision()).as("a read's header inside the txn").isEqualTo(2);
    TxnResult failedWithReadElse = s.txn(TxnRequest.when(Compare.value(b("/n/a")).equal(b("no")))
        .then(Op.put(b("/n/a"), b("changed"))).otherwise(Op.get(b("/n/a"))));
    assertThat(failedWithReadElse.succeeded()).isFalse();
    assertThat(failedWithReadElse.revision()).isEqualTo(2);
    assertThat(failedWithReadElse.rangeResult(0).first().orElseThrow().value()).isEqualTo(b("1"));
    assertThat(s.delete(b("/n/absent"))).isFalse();
    TxnResult emptyPrefix = s.txn(TxnRequest.of(Op.delete(KeyRange.prefix(b("/none/")))));
    assertThat(emptyPrefix.result(0, OpResult.Delete.class).deleted()).isZero();
    assertThat(emptyPrefix.revision()).isEqualTo(2);
    TxnResult failedEmptyElse = s.txn(TxnRequest.when(Compare.absent(b("/n/a")))
        .then(Op.put(b("/n/a"), b("x"))).build());
    assertThat(failedEmptyElse.succeeded()).isFalse();
    assertThat(failedEmptyElse.results()).isEmpty();
    assertThat(s.currentRevision()).isEqualTo(2);
    assertThat(get("/n/a").orElseThrow().modRevision()).isEqualTo(1);
  }

  @Test
  void keyMetadataFollowsEtcdRulesIncludingRecreation() {
    long r1 = put("/k", "a");
    assertThat(get("/k")).contains(KeyValue.of(b("/k"), b("a"), r1, r1, 1));
    long r2 = put("/k", "b");
    assertThat(get("/k")).contains(KeyValue.of(b("/k"), b("b"), r1, r2, 2));
    long r3 = put("/k", "b");
    assertThat(get("/k")).contains(KeyValue.of(b("/k"), b("b"), r1, r3, 3));
    assertThat(store().delete(b("/k"))).isTrue();
    assertThat(get("/k")).isEmpty();
    long r5 = put("/k", "c");
    assertThat(r5).isEqualTo(r3 + 2);
    assertThat(get("/k")).as("re-created: version restarts at 1, createRevision is new")
        .contains(KeyValue.of(b("/k"), b("c"), r5, r5, 1));
  }

  @Test
  void putAndDeleteReturnPreviousEntriesWhenAsked() {
    long r1 = put("/p/a", "old");
    TxnResult withPrev = store().txn(TxnRequest.of(Op.put(b("/p/a"), b("new")).withPrevKv(),
        Op.put(b("/p/b"), b("fresh")).withPrevKv()));
    assertThat(withPrev.result(0, OpResult.Put.class).prevKv())
        .contains(KeyValue.of(b("/p/a"), b("old"), r1, r1, 1));
    assertThat(withPrev.result(1, OpResult.Put.class).prevKv()).as("no previous entry").isEmpty();
    TxnResult without = store().txn(TxnRequest.of(Op.put(b("/p/a"), b("newer"))));
    assertThat(without.result(0, OpResult.Put.class).prevKv()).as("not asked").isEmpty();

    long r4 = put("/p/c", "c");
    put("/q", "outside");
    TxnResult deleted = store().txn(TxnRequest.of(Op.delete(KeyRange.prefix(b("/p/"))).withPrevKv()));
    OpResult.Delete d = deleted.result(0, OpResult.Delete.class);
    assertThat(d.deleted()).isEqualTo(3);
    assertThat(d.prevKvs()).containsExactly(
        KeyValue.of(b("/p/a"), b("newer"), r1, 3, 3),
        KeyValue.of(b("/p/b"), b("fresh"), 2, 2, 1),
        KeyValue.of(b("/p/c"), b("c"), r4, r4, 1));
    assertThat(store().range(KeyRange.all()).kvs()).extracting(KeyValue::key).containsExactly(b("/q"));
    TxnResult single = store().txn(TxnRequest.of(Op.delete(b("/q"))));
    assertThat(single.result(0, OpResult.Delete.class)).isEqualTo(new OpResult.Delete(1, List.of()));
  }

  @Test
  void deletingNothingDoesNotBumpTheRevision() {
    put("/d/a", "1");
    assertThat(store().delete(b("/d/b"))).isFalse();
    assertThat(store().txn(TxnRequest.of(Op.delete(KeyRange.between(b("/e"), b("/f"))))).revision())
        .isEqualTo(1);
    assertThat(store().currentRevision()).isEqualTo(1);
  }

  @Test
  void comparesOnEveryTargetAndOperatorFollowEtcd() {
    long lease = store().grantLease(60).id();
    long created = put("/c/k", "m");
    long modified = store().txn(TxnRequest.of(Op.put(b("/c/k"), b("m")).withLease(lease))).revision();
    // The key: version 2, create = created, mod = modified, lease = lease, value "m".
    checkNumber(Compare.Target.VERSION, 2);
    checkNumber(Compare.Target.CREATE, created);
    checkNumber(Compare.Target.MOD, modified);
    checkNumber(Compare.Target.LEASE, lease);
    for (String operand : List.of("a", "m", "z")) {
      int sign = Integer.signum(b("m").compareTo(b(operand)));
      expect(Compare.value(b("/c/k")).equal(b(operand)), sign == 0);
      expect(Compare.value(b("/c/k")).notEqual(b(operand)), sign != 0);
      expect(Compare.value(b("/c/k")).greater(b(operand)), sign > 0);
      expect(Compare.value(b("/c/k")).less(b(operand)), sign < 0);
      // A VALUE compare on an absent key is false whatever the operator.
      expect(Compare.value(b("/c/absent")).equal(b(operand)), false);
      expect(Compare.value(b("/c/absent")).notEqual(b(operand)), false);
      expect(Compare.value(b("/c/absent")).greater(b(operand)), false);
      expect(Compare.value(b("/c/absent")).less(b(operand)), false);
    }
    // Values compare byte-wise unsigned: 0x80 > 0x7f.
    store().put(b("/c/bin"), Bytes.of(0x80));
    expect(Compare.value(b("/c/bin")).greater(Bytes.of(0x7f)), true);
    expect(Compare.value(b("/c/bin")).less(Bytes.of(0xff)), true);
    // Absent keys compare as 0 on every numeric target.
    for (Compare.Target t : List.of(Compare.Target.VERSION, Compare.Target.CREATE,
        Compare.Target.MOD, Compare.Target.LEASE)) {
      expect(number(b("/c/absent"), t, Compare.Operator.EQUAL, 0), true);
      expect(number(b("/c/absent"), t, Compare.Operator.LESS, 1), true);
      expect(number(b("/c/absent"), t, Compare.Operator.GREATER, 0), false);
      expect(number(b("/c/absent"), t, Compare.Operator.NOT_EQUAL, 0), false);
    }
    // Compares are ANDed.
    TxnResult both = store().txn(TxnRequest.when(Compare.present(b("/c/k")),
        Compare.absent(b("/c/k"))).then(Op.put(b("/c/x"), b("x"))).build());
    assertThat(both.succeeded()).as("a true and a false compare").isFalse();
  }

  private void checkNumber(Compare.Target target, long actual) {
    for (long operand : List.of(actual - 1, actual, actual + 1)) {
      int sign = Long.compare(actual, operand);
      expect(number(b("/c/k"), target, Compare.Operator.EQUAL, operand), sign == 0);
      expect(number(b("/c/k"), target, Compare.Operator.NOT_EQUAL, operand), sign != 0);
      expect(number(b("/c/k"), target, Compare.Operator.GREATER, operand), sign > 0);
      expect(number(b("/c/k"), target, Compare.Operator.LESS, operand), sign < 0);
    }
  }

  private static Compare number(Bytes key, Compare.Target t, Compare.Operator op, long operand) {
    return new Compare(key, t, op, operand, Bytes.EMPTY);
  }

  /** Runs a txn whose branches write nothing and checks which branch the store took. */
  private void expect(Compare compare, boolean holds) {
    long before = store().currentRevision();
    TxnResult r = store().txn(TxnRequest.when(compare)
        .then(Op.get(b("/c/then"))).otherwise(Op.get(b("/c/else")), Op.get(b("/c/else2"))));
    assertThat(r.succeeded()).as("%s", compare).isEqualTo(holds);
    assertThat(r.results()).as("results of the branch taken for %s", compare).hasSize(holds ? 1 : 2);
    assertThat(store().currentRevision()).isEqualTo(before);
  }

  @Test
  void elseBranchRunsAtomicallyAndThenBranchDoesNot() {
    put("/e/guard", "v1");
    put("/e/victim", "x");
    TxnResult r = store().txn(TxnRequest.when(Compare.value(b("/e/guard")).equal(b("v0")))
        .then(Op.put(b("/e/then"), b("no")))
        .otherwise(Op.put(b("/e/a"), b("1")), Op.delete(b("/e/victim")), Op.put(b("/e/b"), b("2")),
            Op.get(b("/e/a"))));
    assertThat(r.succeeded()).isFalse();
    assertThat(r.revision()).isEqualTo(3);
    assertThat(r.rangeResult(3).first().map(KeyValue::value))
        .as("a read in a branch sees the branch's earlier writes").contains(b("1"));
    assertThat(r.rangeResult(3).revision()).isEqualTo(3);
    assertThat(get("/e/then")).isEmpty();
    assertThat(get("/e/victim")).isEmpty();
    assertThat(get("/e/a").orElseThrow().modRevision()).isEqualTo(3);
    assertThat(get("/e/b").orElseThrow().modRevision()).isEqualTo(3);
  }

  @Test
  void aTxnMayNotTouchTheSameKeyTwice() {
    assertThatIllegalArgumentException().isThrownBy(() ->
        TxnRequest.of(Op.put(b("/t/a"), b("1")), Op.put(b("/t/a"), b("2"))));
    assertThatIllegalArgumentException().isThrownBy(() ->
        TxnRequest.of(Op.put(b("/t/a"), b("1")), Op.delete(KeyRange.prefix(b("/t/")))));
    assertThat(store().currentRevision()).isZero();
    // Overlapping deletes are allowed; each key is deleted once.
    put("/t/a", "1");
    TxnResult r = store().txn(TxnRequest.of(Op.delete(KeyRange.prefix(b("/t/"))),
        Op.delete(b("/t/a"))));
    assertThat(r.result(0, OpResult.Delete.class).deleted()).isEqualTo(1);
    assertThat(r.result(1, OpResult.Delete.class).deleted()).isZero();
    assertThat(r.revision()).isEqualTo(2);
  }

  @Test
  void createIfAbsentConvenienceUsesCreateRevision() {
    Optional<Long> first = store().create(b("/o/x"), b("1"));
    Optional<Long> second = store().create(b("/o/x"), b("2"));
    assertThat(first).contains(1L);
    assertThat(second).isEmpty();
    assertThat(get("/o/x").orElseThrow().value()).isEqualTo(b("1"));
  }
}
