package io.capstan.spi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TxnRequestTest {

  private static final Bytes A = Bytes.utf8("/a");
  private static final Bytes B = Bytes.utf8("/b");
  private static final Bytes V = Bytes.utf8("v");

  @Test
  void rejectsTheSameKeyPutTwiceInOneBranch() {
    assertThatThrownBy(() -> TxnRequest.of(Op.put(A, V), Op.put(A, V)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void rejectsPutOfAKeyTheBranchDeletes() {
    assertThatThrownBy(() -> TxnRequest.of(Op.delete(KeyRange.prefix(Bytes.utf8("/"))),
        Op.put(A, V))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TxnRequest.when().then(Op.put(A, V)).otherwise(Op.put(B, V),
        Op.delete(B))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allowsWhatEtcdAllows() {
    // Branches are checked separately; deletes may overlap; reads may touch written keys.
    TxnRequest t = TxnRequest.when(Compare.modRevision(A).equal(5))
        .then(Op.put(A, V), Op.get(A), Op.delete(B), Op.delete(KeyRange.prefix(B)))
        .otherwise(Op.put(A, V));
    assertThat(t.success()).hasSize(4);
    assertThat(t.failure()).hasSize(1);
    assertThat(t.compares()).hasSize(1);
  }

  @Test
  void hasWrites() {
    assertThat(TxnRequest.of(Op.get(A)).hasWrites()).isFalse();
    assertThat(TxnRequest.when(Compare.absent(A)).then(Op.get(A)).otherwise(Op.delete(A))
        .hasWrites()).isTrue();
  }

  @Test
  void rangeInsideTxnMustReadLatest() {
    assertThatThrownBy(() -> Op.range(RangeRequest.of(KeyRange.key(A)).atRevision(3)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resultAccessorChecksTheType() {
    TxnResult r = new TxnResult(true,
        List.of(new OpResult.Put(Optional.empty()), new RangeResult(List.of(), false, 0, 9)), 9);
    assertThat(r.rangeResult(1).revision()).isEqualTo(9);
    assertThatThrownBy(() -> r.rangeResult(0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void putBuilders() {
    Op.Put p = Op.put(A, V).withLease(7).withPrevKv();
    assertThat(p.lease()).isEqualTo(7);
    assertThat(p.prevKv()).isTrue();
    assertThatThrownBy(() -> Op.put(Bytes.EMPTY, V)).isInstanceOf(IllegalArgumentException.class);
  }
}
