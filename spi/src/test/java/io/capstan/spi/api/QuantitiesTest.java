package io.capstan.spi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases copied from Kubernetes' apimachinery {@code resource/quantity_test.go} unless noted. */
class QuantitiesTest {

  @ParameterizedTest(name = "TestQuantityParse: {0} = {1} ({2})")
  @CsvSource({
    "0, 0, DECIMAL_SI",
    "0Ki, 0, BINARY_SI",
    "0n, 0, DECIMAL_SI",
    "1Ki, 1024, BINARY_SI",
    "7Mi, 7340032, BINARY_SI",
    "3Ei, 3458764513820540928, BINARY_SI",
    "5n, 0.000000005, DECIMAL_SI",
    "4u, 0.000004, DECIMAL_SI",
    "3m, 0.003, DECIMAL_SI",
    "50k, 50000, DECIMAL_SI",
    "1E, 1000000000000000000, DECIMAL_SI",
    "12E, 12000000000000000000, DECIMAL_SI",
    "1E-3, 0.001, DECIMAL_EXPONENT",
    "1e3, 1000, DECIMAL_EXPONENT",
    "1.3E+6, 1300000, DECIMAL_EXPONENT",
    "0.5e-2, 0.005, DECIMAL_EXPONENT",
    "100.035k, 100035, DECIMAL_SI",
    "0.0005k, 0.5, DECIMAL_SI",
    "10.035M, 10035000, DECIMAL_SI",
    "9.01, 9.01, DECIMAL_SI",
    // things that saturate or round
    "3.001n, 0.000000004, DECIMAL_SI",
    "1.1E-9, 0.000000002, DECIMAL_EXPONENT",
    "0.0000000001, 0.000000001, DECIMAL_SI",
    "0.9n, 0.000000001, DECIMAL_SI",
    "0.00000012345, 0.000000124, DECIMAL_SI",
    "9Ei, 9223372036854775807, BINARY_SI",
    "9223372036854775807Ki, 9223372036854775807, BINARY_SI",
    // fractional binary
    "100.035Ki, 102435.84, BINARY_SI",
    "0.5Mi, 524288, BINARY_SI",
    // "things written by trolls"
    "0.000000000001Ki, 0.000000002, DECIMAL_SI",
    ".001, 0.001, DECIMAL_SI",
    "1., 1, DECIMAL_SI",
    "1.G, 1000000000, DECIMAL_SI",
    "+1Ki, 1024, BINARY_SI",
    "-3m, -0.003, DECIMAL_SI",
    "-0.9n, -0.000000001, DECIMAL_SI",
  })
  void parsesValueAndFormatLikeKubernetes(String text, BigDecimal value, QuantityFormat format) {
    CanonicalQuantity q = Quantities.parse(text);
    assertThat(q.amount()).isEqualByComparingTo(value);
    assertThat(q.format()).isEqualTo(format);
  }

  @ParameterizedTest(name = "TestQuantityParseEmit/TestQuantityString: {0} -> {1}")
  @CsvSource({
    "1Ki, 1Ki", "1024Mi, 1Gi", "1000M, 1G", ".001Ki, 1024m", ".000001Ki, 1024u",
    ".000000001Ki, 1024n", ".000000000001Ki, 2n", "300Mi, 300Mi", "307200Ki, 300Mi",
    "1025024Mi, 1001Gi", "1024Gi, 1Ti", "6Ki, 6Ki", "1025, 1025",
    "1000m, 1", "1.5, 1500m", "1.5Gi, 1536Mi", "1536Mi, 1536Mi", "0.1, 100m", "1.08, 1080m",
    "1080000000n, 1080m", "0.001T, 1G", "1000u, 1m", "5000m, 5", "2e3, 2e3", "12e2, 1200",
    ".001e12, 1e9", "0.001e0, 1e-3", "1000e-12, 1e-9", "80e-3, 80e-3", "00, 0", "0Mi, 0",
    "1000E, 1e21", "5000E, 5e21", "1000000E, 1e24", "1.2345, 1234500u",
    "-1.5Gi, -1536Mi", "-1000m, -1", "0.5Ki, 512", "2048.5Ki, 2097664", "1.0005Ki, 1024512m",
  })
  void writesKubernetesCanonicalForm(String text, String canonical) {
    assertThat(Quantities.canonical(text)).isEqualTo(canonical);
    assertThat(Quantities.canonical(canonical)).as("canonical form is a fixed point").isEqualTo(canonical);
  }

  @ParameterizedTest(name = "invalid: \"{0}\"")
  @ValueSource(strings = {
    // TestQuantityParse invalid list
    "1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1", "1 ",
    // Capstan's own: the brief's examples and digit-less input that Kubernetes reads as zero
    "", "1.5.5", "Mi", "1iB", ".", "-", "+", "1K", "1e", "1e+", "1Ee3", "1e99999999999", "1mm",
  })
  void rejectsInvalidText(String text) {
    assertThatThrownBy(() -> Quantities.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid quantity '" + text + "'")
        .hasMessageContaining("expected <number><suffix>");
  }

  @Test
  void errorSaysWhatIsWrong() {
    assertThatThrownBy(() -> Quantities.parse("1iB")).hasMessageContaining("'iB' is not a known suffix");
    assertThatThrownBy(() -> Quantities.parse("Mi")).hasMessageContaining("no digits");
    assertThatThrownBy(() -> Quantities.parse("")).hasMessageContaining("empty");
  }

  @Test
  void equalityIsByValueAcrossFormats() {
    assertThat(Quantities.parse("1Gi")).isEqualTo(Quantities.parse("1024Mi"));
    assertThat(Quantities.parse("1000m")).isEqualTo(Quantities.parse("1"));
    assertThat(Quantities.parse("1e3")).isEqualTo(Quantities.parse("1k")).hasSameHashCodeAs(Quantities.parse("1k"));
    assertThat(Quantities.parse("1Gi")).isNotEqualTo(Quantities.parse("1G"));
    assertThat(Quantities.equal(new Quantity("1Gi"), new Quantity("1024Mi"))).isTrue();
  }

  @ParameterizedTest(name = "TestQuantityCmp: {0} vs {1} = {2}")
  @CsvSource({"0, 0, 0", "100m, 50m, 1", "50m, 100m, -1", "10000T, 100Gi, 1", "1Ki, 1k, 1", "-1, 0, -1"})
  void comparesByValue(String a, String b, int expected) {
    assertThat(Integer.signum(Quantities.compare(new Quantity(a), new Quantity(b)))).isEqualTo(expected);
    assertThat(Integer.signum(Quantities.BY_VALUE.compare(new Quantity(b), new Quantity(a)))).isEqualTo(-expected);
  }

  @ParameterizedTest(name = "Value/MilliValue: {0} -> {1} / {2}")
  @CsvSource({
    "1, 1, 1000", "1500m, 2, 1500", "-1500m, -2, -1500", "1n, 1, 1", "-1n, -1, -1", "0.5, 1, 500",
    "1Gi, 1073741824, 1073741824000", "9.01, 10, 9010", "2e3, 2000, 2000000", "1001u, 1, 2",
  })
  void roundsValuesAwayFromZeroLikeKubernetes(String text, long value, long milli) {
    assertThat(Quantities.value(new Quantity(text))).isEqualTo(value);
    assertThat(Quantities.milliValue(new Quantity(text))).isEqualTo(milli);
  }

  @Test
  void valueOverflowIsAnErrorNotGarbage() {
    assertThatThrownBy(() -> Quantities.parse("12E").value()).isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("12E");
    assertThatThrownBy(() -> Quantities.parse("9Ei").milliValue()).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Quantities.parse("1e1000000").value()).isInstanceOf(ArithmeticException.class);
    assertThat(Quantities.parse("9Ei").value()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void scaledValueUsesPowersOfTen() {
    assertThat(Quantities.parse("1").scaledValue(-9)).isEqualTo(1_000_000_000L);
    assertThat(Quantities.parse("1500").scaledValue(3)).isEqualTo(2);
  }

  @Test
  void addKeepsTheReceiverFormatUnlessItIsZero() {
    // TestQuantityAddZeroPreservesSuffix
    CanonicalQuantity zero = Quantities.parse("0");
    assertThat(zero.add(Quantities.parse("1Gi")).toString()).isEqualTo("1Gi");
    assertThat(Quantities.parse("100m").add(zero).toString()).isEqualTo("100m");
    assertThat(Quantities.parse("1Gi").add(Quantities.parse("512Mi")).toString()).isEqualTo("1536Mi");
    assertThat(Quantities.parse("1").subtract(Quantities.parse("250m")).toString()).isEqualTo("750m");
    // TestQuantityNeg
    assertThat(Quantities.parse("9.01").negate().toString()).isEqualTo("-9010m");
  }

  @Test
  void convertsFromAndToFabric8() {
    assertThat(Quantities.parse(new Quantity("1.5", "Gi")).toString()).isEqualTo("1536Mi");
    Quantity canonical = Quantities.toFabric8(Quantities.parse("1000m"));
    assertThat(canonical.getAmount() + canonical.getFormat()).isEqualTo("1");
    assertThat(Quantities.parse(new Quantity("250m")).milliValue()).isEqualTo(250);
  }

  @Test
  void constructorKeepsTheGivenValue() {
    CanonicalQuantity q = new CanonicalQuantity(new BigDecimal("1.50"), QuantityFormat.BINARY_SI);
    assertThat(q.amount()).isEqualTo(new BigDecimal("1.5"));
    assertThat(q).hasToString("1500m");
    assertThat(new CanonicalQuantity(new BigDecimal("1e-12"), QuantityFormat.DECIMAL_SI)).hasToString("1e-12");
  }
}
