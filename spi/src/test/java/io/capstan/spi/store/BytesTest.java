package io.capstan.spi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BytesTest {

  @Test
  void ordersUnsignedLexicographically() {
    List<Bytes> keys = new ArrayList<>(List.of(
        Bytes.of(0xff), Bytes.of(0x80), Bytes.of(0x7f), Bytes.of(0x7f, 0x00), Bytes.EMPTY,
        Bytes.utf8("a"), Bytes.of(0x00)));
    keys.sort(null);
    assertThat(keys).containsExactly(
        Bytes.EMPTY, Bytes.of(0x00), Bytes.utf8("a"), Bytes.of(0x7f), Bytes.of(0x7f, 0x00),
        Bytes.of(0x80), Bytes.of(0xff));
  }

  @Test
  void prefixEndIncrementsLastByte() {
    assertThat(Bytes.utf8("/registry/pods/").prefixEnd()).contains(Bytes.utf8("/registry/pods0"));
    assertThat(Bytes.of(0x01, 0x7f).prefixEnd()).contains(Bytes.of(0x01, 0x80));
  }

  @Test
  void prefixEndDropsTrailingFfBytes() {
    assertThat(Bytes.of(0x61, 0xff, 0xff).prefixEnd()).contains(Bytes.of(0x62));
    assertThat(Bytes.of(0x00, 0xfe, 0xff).prefixEnd()).contains(Bytes.of(0x00, 0xff));
  }

  @Test
  void prefixEndIsUnboundedForAllFfAndEmpty() {
    assertThat(Bytes.of(0xff).prefixEnd()).isEmpty();
    assertThat(Bytes.of(0xff, 0xff, 0xff).prefixEnd()).isEmpty();
    assertThat(Bytes.EMPTY.prefixEnd()).isEmpty();
  }

  @Test
  void successorIsTheNextKey() {
    Bytes k = Bytes.utf8("k");
    assertThat(k.successor()).isEqualTo(Bytes.of('k', 0));
    assertThat(k.successor()).isGreaterThan(k);
  }

  @Test
  void isImmutableAgainstCallerArrays() {
    byte[] raw = {1, 2, 3};
    Bytes b = Bytes.copyOf(raw);
    raw[0] = 9;
    b.toByteArray()[1] = 9;
    assertThat(b).isEqualTo(Bytes.of(1, 2, 3));
    assertThatThrownBy(() -> b.asReadOnlyBuffer().put((byte) 0))
        .isInstanceOf(java.nio.ReadOnlyBufferException.class);
  }

  @Test
  void toStringIsTextWhenPrintableElseHex() {
    assertThat(Bytes.utf8("/registry/pods/a").toString()).isEqualTo("/registry/pods/a");
    assertThat(Bytes.of(0x61, 0x00, 0xff).toString()).isEqualTo("0x6100ff");
    assertThat(Bytes.fromHex("0x6100ff")).isEqualTo(Bytes.of(0x61, 0x00, 0xff));
    assertThat(Bytes.fromHex("6100ff").toHex()).isEqualTo("6100ff");
  }

  @Test
  void startsWithAndConcat() {
    Bytes p = Bytes.utf8("ab");
    assertThat(p.concat(Bytes.of(0xff)).startsWith(p)).isTrue();
    assertThat(Bytes.utf8("a").startsWith(p)).isFalse();
    assertThat(p.startsWith(Bytes.EMPTY)).isTrue();
    assertThat(p.byteAt(0)).isEqualTo('a');
    assertThat(Bytes.of(0xff).byteAt(0)).isEqualTo(255);
  }

  @Property
  void everyKeyWithThePrefixLiesInPrefixRange(
      @ForAll @Size(max = 6) byte[] prefix, @ForAll @Size(max = 6) byte[] suffix) {
    Bytes p = Bytes.copyOf(prefix);
    Bytes key = p.concat(Bytes.copyOf(suffix));
    assertThat(key).isGreaterThanOrEqualTo(p);
    p.prefixEnd().ifPresent(end -> assertThat(key).isLessThan(end));
    assertThat(KeyRange.prefix(p).contains(key)).isTrue();
  }

  @Property
  void aKeyInThePrefixRangeHasThePrefix(
      @ForAll @Size(min = 1, max = 4) byte[] prefix, @ForAll @Size(max = 6) byte[] other) {
    Bytes p = Bytes.copyOf(prefix);
    Bytes k = Bytes.copyOf(other);
    assertThat(KeyRange.prefix(p).contains(k)).isEqualTo(k.startsWith(p));
  }

  @Property
  void compareToAgreesWithEqualsAndIsAntisymmetric(
      @ForAll @Size(max = 5) byte[] a, @ForAll @Size(max = 5) byte[] b) {
    Bytes x = Bytes.copyOf(a);
    Bytes y = Bytes.copyOf(b);
    assertThat(x.compareTo(y) == 0).isEqualTo(x.equals(y));
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(-Integer.signum(y.compareTo(x)));
    if (x.equals(y)) {
      assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }
  }
}
