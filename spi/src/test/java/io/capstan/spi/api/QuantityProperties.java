package io.capstan.spi.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties that hold for every quantity, like Kubernetes' fuzzed {@code TestJSON} round trip. */
class QuantityProperties {

  @Property
  void canonicalTextParsesBackToTheSameValueAndFormat(@ForAll("quantities") CanonicalQuantity q) {
    CanonicalQuantity reparsed = Quantities.parse(q.toString());
    assertThat(reparsed.amount()).isEqualByComparingTo(q.amount());
    assertThat(reparsed.toString()).isEqualTo(q.toString());
  }

  @Property
  void compareIsConsistentWithBigDecimal(
      @ForAll("quantities") CanonicalQuantity a, @ForAll("quantities") CanonicalQuantity b) {
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(a.amount().compareTo(b.amount())));
    assertThat(a.equals(b)).isEqualTo(a.compareTo(b) == 0);
    if (a.equals(b)) {
      assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }
  }

  @Property
  void binaryTextAndDecimalTextOfTheSameBytesAreEqual(@ForAll("bytes") long bytes) {
    CanonicalQuantity binary = Quantities.parse(bytes + "Ki");
    CanonicalQuantity decimal = Quantities.parse(BigInteger.valueOf(bytes).shiftLeft(10).toString());
    assertThat(binary).isEqualTo(decimal);
  }

  @Property
  void milliValueRoundsAwayFromZero(@ForAll("quantities") CanonicalQuantity q) {
    BigDecimal milli = q.amount().movePointRight(3);
    if (milli.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
      long result = q.milliValue();
      assertThat(BigDecimal.valueOf(result).abs()).isGreaterThanOrEqualTo(milli.abs());
      assertThat(BigDecimal.valueOf(result).subtract(milli).abs()).isLessThan(BigDecimal.ONE);
    }
  }

  @Provide
  Arbitrary<CanonicalQuantity> quantities() {
    Arbitrary<String> number = Combinators.combine(
            Arbitraries.of("", "-", "+"),
            Arbitraries.longs().between(0, 999_999_999_999L),
            Arbitraries.strings().numeric().ofMaxLength(12))
        .as((sign, whole, frac) -> sign + whole + (frac.isEmpty() ? "" : "." + frac));
    Arbitrary<String> suffix = Arbitraries.of(
        "", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei",
        "e0", "e3", "e-3", "E6", "e-9", "e21", "E+2");
    return Combinators.combine(number, suffix).as((n, s) -> Quantities.parse(n + s));
  }

  @Provide
  Arbitrary<Long> bytes() {
    return Arbitraries.longs().between(-(1L << 40), 1L << 40);
  }
}
