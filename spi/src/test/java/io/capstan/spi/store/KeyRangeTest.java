package io.capstan.spi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyRangeTest {

  private static final Bytes A = Bytes.utf8("a");
  private static final Bytes B = Bytes.utf8("b");

  @Test
  void singleKeyContainsOnlyThatKey() {
    KeyRange r = KeyRange.key(A);
    assertThat(r.contains(A)).isTrue();
    assertThat(r.contains(A.successor())).isFalse();
    assertThat(r.contains(Bytes.utf8("aa"))).isFalse();
    assertThat(r.contains(Bytes.EMPTY)).isFalse();
    assertThat(r.isSingleKey()).isTrue();
    assertThat(KeyRange.prefix(A).isSingleKey()).isFalse();
  }

  @Test
  void betweenIsHalfOpen() {
    KeyRange r = KeyRange.between(A, B);
    assertThat(r.contains(A)).isTrue();
    assertThat(r.contains(Bytes.utf8("azzz"))).isTrue();
    assertThat(r.contains(B)).isFalse();
  }

  @Test
  void fromKeyAndAllAreUnbounded() {
    assertThat(KeyRange.fromKey(B).contains(Bytes.of(0xff, 0xff))).isTrue();
    assertThat(KeyRange.fromKey(B).contains(A)).isFalse();
    assertThat(KeyRange.all().contains(Bytes.of(0x00))).isTrue();
    assertThat(KeyRange.prefix(Bytes.EMPTY)).isEqualTo(KeyRange.all());
  }

  @Test
  void prefixOfFfBytesIsUnbounded() {
    KeyRange r = KeyRange.prefix(Bytes.of(0xff));
    assertThat(r.end()).isEmpty();
    assertThat(r.contains(Bytes.of(0xff, 0xff, 0x00))).isTrue();
    assertThat(r.contains(Bytes.of(0xfe))).isFalse();
  }

  @Test
  void rejectsEndBeforeStartAndEmptySingleKey() {
    assertThatThrownBy(() -> KeyRange.between(B, A)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyRange.key(Bytes.EMPTY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(KeyRange.between(A, A).isEmpty()).isTrue();
    assertThat(KeyRange.between(A, A).contains(A)).isFalse();
  }

  @Test
  void overlaps() {
    KeyRange ab = KeyRange.between(A, B);
    assertThat(ab.overlaps(KeyRange.key(Bytes.utf8("ab")))).isTrue();
    assertThat(ab.overlaps(KeyRange.key(B))).isFalse();
    assertThat(ab.overlaps(KeyRange.fromKey(Bytes.utf8("a0")))).isTrue();
    assertThat(KeyRange.fromKey(B).overlaps(KeyRange.all())).isTrue();
    assertThat(ab.overlaps(KeyRange.between(A, A))).isFalse();
  }

  @Test
  void afterBuildsTheNextPage() {
    KeyRange pods = KeyRange.prefix(Bytes.utf8("/pods/"));
    KeyRange next = pods.after(Bytes.utf8("/pods/a"));
    assertThat(next.start()).isEqualTo(Bytes.utf8("/pods/a").successor());
    assertThat(next.end()).isEqualTo(pods.end());
    assertThat(next.contains(Bytes.utf8("/pods/a"))).isFalse();
    assertThat(next.contains(Bytes.utf8("/pods/a0"))).isTrue();
    // A last key beyond the end leaves an empty range rather than an invalid one.
    KeyRange ab = KeyRange.between(A, B);
    assertThat(ab.after(Bytes.utf8("c")).isEmpty()).isTrue();
    assertThat(ab.after(Bytes.utf8("0"))).isEqualTo(ab);
    assertThat(KeyRange.fromKey(A).after(B).end()).isEqualTo(Optional.empty());
  }
}
