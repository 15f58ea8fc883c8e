package io.capstan.spi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompareTest {

  private static final Bytes K = Bytes.utf8("/registry/pods/default/web");
  private static final Optional<KeyValue> LIVE =
      Optional.of(new KeyValue(K, Bytes.utf8("v"), 3, 7, 4, 42));
  private static final Optional<KeyValue> ABSENT = Optional.empty();

  @Test
  void numericTargetsReadTheMatchingField() {
    assertThat(Compare.modRevision(K).equal(7).test(LIVE)).isTrue();
    assertThat(Compare.modRevision(K).equal(6).test(LIVE)).isFalse();
    assertThat(Compare.createRevision(K).equal(3).test(LIVE)).isTrue();
    assertThat(Compare.version(K).greater(3).test(LIVE)).isTrue();
    assertThat(Compare.version(K).less(4).test(LIVE)).isFalse();
    assertThat(Compare.lease(K).equal(42).test(LIVE)).isTrue();
    assertThat(Compare.lease(K).notEqual(42).test(LIVE)).isFalse();
  }

  @Test
  void absentKeyComparesAsZero() {
    assertThat(Compare.absent(K).test(ABSENT)).isTrue();
    assertThat(Compare.absent(K).test(LIVE)).isFalse();
    assertThat(Compare.present(K).test(LIVE)).isTrue();
    assertThat(Compare.present(K).test(ABSENT)).isFalse();
    assertThat(Compare.version(K).equal(0).test(ABSENT)).isTrue();
    assertThat(Compare.modRevision(K).less(1).test(ABSENT)).isTrue();
  }

  @Test
  void valueCompareOnAbsentKeyIsAlwaysFalse() {
    for (Compare c : new Compare[] {
        Compare.value(K).equal(Bytes.EMPTY), Compare.value(K).notEqual(Bytes.EMPTY),
        Compare.value(K).greater(Bytes.EMPTY), Compare.value(K).less(Bytes.of(0xff))}) {
      assertThat(c.test(ABSENT)).as(c.toString()).isFalse();
    }
  }

  @Test
  void valueCompareUsesUnsignedOrder() {
    Optional<KeyValue> high = Optional.of(KeyValue.of(K, Bytes.of(0x80), 1, 1, 1));
    assertThat(Compare.value(K).greater(Bytes.of(0x7f)).test(high)).isTrue();
    assertThat(Compare.value(K).equal(Bytes.of(0x80)).test(high)).isTrue();
    assertThat(Compare.value(K).less(Bytes.of(0x80, 0x00)).test(high)).isTrue();
  }

  @Test
  void rejectsMismatchedOperandsAndKeys() {
    assertThatThrownBy(() -> new Compare(K, Compare.Target.VALUE, Compare.Operator.EQUAL, 1,
        Bytes.EMPTY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Compare(K, Compare.Target.MOD, Compare.Operator.EQUAL, 1,
        Bytes.utf8("x"))).isInstanceOf(IllegalArgumentException.class);
    Optional<KeyValue> other = Optional.of(KeyValue.of(Bytes.utf8("other"), Bytes.EMPTY, 1, 1, 1));
    assertThatThrownBy(() -> Compare.absent(K).test(other))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Compare.absent(Bytes.EMPTY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
