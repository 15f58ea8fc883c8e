package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact resource quantity with the format family it was written in: Capstan's equivalent of
 * Kubernetes' {@code resource.Quantity}. Obtain one from {@link Quantities#parse(String)}; the
 * constructor takes any value as given (no rounding to nano units, no cap), like Kubernetes'
 * {@code NewDecimalQuantity}.
 *
 * <p>Equality and ordering are by value only, as Kubernetes' {@code Quantity.Equal} and {@code Cmp}:
 * {@code 1Gi} equals {@code 1024Mi}, {@code 1000m} equals {@code 1}, and {@code 1e3} equals
 * {@code 1k} although their formats differ. The format only decides how {@link #toString()} writes
 * the value. Immutable and thread-safe.
 *
 * @param amount the exact value, in base units (cores, bytes); stored without trailing zeros
 * @param format the family {@link #toString()} writes the value in
 */
public record CanonicalQuantity(BigDecimal amount, QuantityFormat format)
    implements Comparable<CanonicalQuantity> {

  /** Zero, written {@code "0"}. */
  public static final CanonicalQuantity ZERO =
      new CanonicalQuantity(BigDecimal.ZERO, QuantityFormat.DECIMAL_SI);

  // int64 holds at most 19 digits: anything with more integer digits overflows, and checking
  // before rounding avoids materialising a number like 1e2000000000.
  private static final int MAX_LONG_DIGITS = 19;

  public CanonicalQuantity {
    requireNonNull(amount, "amount");
    requireNonNull(format, "format");
    // normalise so that the record's components (and hashCode) do not depend on the scale
    amount = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
  }

  /** True when the value is zero, whatever the format. */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /** -1, 0 or 1 as the value is negative, zero or positive. */
  public int signum() {
    return amount.signum();
  }

  /**
   * The value rounded to an integer away from zero, as Kubernetes' {@code Value()}: {@code 1500m}
   * gives 2, {@code -1500m} gives -2.
   *
   * @throws ArithmeticException when the rounded value does not fit in a {@code long}
   */
  public long value() {
    return scaledValue(0);
  }

  /**
   * The value in thousandths rounded away from zero, as Kubernetes' {@code MilliValue()}:
   * {@code 0.5} gives 500, {@code 1n} gives 1.
   *
   * @throws ArithmeticException when the result does not fit in a {@code long}
   */
  public long milliValue() {
    return scaledValue(-3);
  }

  /**
   * The value in units of 10^{@code scale} rounded away from zero, as Kubernetes'
   * {@code ScaledValue(scale)}: scale -3 is milli, -9 is nano, 3 is kilo.
   *
   * @throws ArithmeticException when the result does not fit in a {@code long}
   */
  public long scaledValue(int scale) {
    BigDecimal scaled = amount.scaleByPowerOfTen(-scale);
    if (scaled.precision() - scaled.scale() > MAX_LONG_DIGITS) {
      throw new ArithmeticException("quantity " + this + " does not fit in a long at scale " + scale);
    }
    try {
      return scaled.setScale(0, RoundingMode.UP).longValueExact();
    } catch (ArithmeticException e) {
      throw new ArithmeticException("quantity " + this + " does not fit in a long at scale " + scale);
    }
  }

  /**
   * The sum, in this quantity's format; when this quantity is zero the result takes the other's
   * format, as Kubernetes' {@code Add} does (so {@code 0 + 1Gi} is written {@code 1Gi}).
   */
  public CanonicalQuantity add(CanonicalQuantity other) {
    requireNonNull(other, "other");
    return new CanonicalQuantity(amount.add(other.amount), isZero() ? other.format : format);
  }

  /** The difference, with the same format rule as {@link #add(CanonicalQuantity)}. */
  public CanonicalQuantity subtract(CanonicalQuantity other) {
    requireNonNull(other, "other");
    return new CanonicalQuantity(amount.subtract(other.amount), isZero() ? other.format : format);
  }

  /** The value with the opposite sign, same format. */
  public CanonicalQuantity negate() {
    return new CanonicalQuantity(amount.negate(), format);
  }

  /** Compares by value only, consistent with {@link #equals(Object)}. */
  @Override
  public int compareTo(CanonicalQuantity other) {
    return amount.compareTo(other.amount);
  }

  /** Equal when the values are equal, whatever the formats (Kubernetes' {@code Equal}). */
  @Override
  public boolean equals(Object o) {
    return o instanceof CanonicalQuantity other && amount.compareTo(other.amount) == 0;
  }

  @Override
  public int hashCode() {
    return amount.hashCode(); // amount is normalised, so equal values hash alike
  }

  /**
   * Kubernetes' canonical form ({@code Quantity.String()}): the largest suffix of the format family
   * that keeps an integer mantissa, e.g. {@code 1.5} → {@code 1500m}, {@code 1.5Gi} →
   * {@code 1536Mi}, {@code 2e3} (exponent family) → {@code 2e3}. A binary quantity under 1024 in
   * magnitude or with a fraction is written in decimal SI ({@code 0.5Ki} → {@code 512}).
   */
  @Override
  public String toString() {
    return QuantityText.format(amount, format);
  }
}
