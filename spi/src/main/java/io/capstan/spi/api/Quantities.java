package io.capstan.spi.api;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Comparator;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 1.5Gi}, {@code 2e3}) with Kubernetes'
 * exact semantics, over fabric8's {@link Quantity}, which only stores the text.
 *
 * <p>Parsing follows apimachinery's {@code ParseQuantity}: an optional sign, digits with an optional
 * fraction ({@code 1.}, {@code .5} are fine), then a decimal SI suffix ({@code n u m "" k M G T P E}),
 * a binary suffix ({@code Ki Mi Gi Ti Pi Ei}) or a decimal exponent ({@code e3}, {@code E-3},
 * {@code e+6}). The value is exact; a non-zero value finer than {@code 1n} rounds away from zero to
 * the next nano ({@code 0.9n} → {@code 1n}); a binary quantity is capped at 2^63-1 ({@code 9Ei});
 * whitespace anywhere is an error. One deliberate difference: Kubernetes reads a suffix without
 * digits ({@code Mi}, {@code .}) as zero, Capstan rejects it.
 *
 * <p>All methods are static, thread-safe and never block. Invalid text is reported with an
 * {@link IllegalArgumentException} whose message quotes the input, says what is wrong and shows the
 * accepted grammar.
 */
public final class Quantities {

  /** Orders fabric8 quantities by value, as Kubernetes' {@code Cmp}. */
  public static final Comparator<Quantity> BY_VALUE = Quantities::compare;

  private Quantities() {}

  /**
   * Parses a quantity string.
   *
   * @throws IllegalArgumentException when {@code text} is not a valid quantity
   */
  public static CanonicalQuantity parse(String text) {
    return QuantityText.parse(requireNonNull(text, "text"));
  }

  /**
   * Parses a fabric8 quantity (its amount followed by its format, e.g. {@code "1.5" + "Gi"}).
   *
   * @throws IllegalArgumentException when the text is not a valid quantity
   */
  public static CanonicalQuantity parse(Quantity quantity) {
    requireNonNull(quantity, "quantity");
    String amount = quantity.getAmount() == null ? "" : quantity.getAmount();
    String format = quantity.getFormat() == null ? "" : quantity.getFormat();
    return parse(amount + format);
  }

  /** Kubernetes' canonical text of a quantity string: {@code "1000m"} → {@code "1"}. */
  public static String canonical(String text) {
    return parse(text).toString();
  }

  /** A fabric8 quantity holding the canonical text of {@code quantity}. */
  public static Quantity toFabric8(CanonicalQuantity quantity) {
    requireNonNull(quantity, "quantity");
    return new Quantity(quantity.toString());
  }

  /** Compares two fabric8 quantities by value: negative, zero or positive. */
  public static int compare(Quantity a, Quantity b) {
    return parse(a).compareTo(parse(b));
  }

  /** True when both quantities have the same value ({@code 1Gi} and {@code 1024Mi}). */
  public static boolean equal(Quantity a, Quantity b) {
    return compare(a, b) == 0;
  }

  /** Kubernetes' {@code Value()}: the value rounded away from zero to an integer. */
  public static long value(Quantity quantity) {
    return parse(quantity).value();
  }

  /** Kubernetes' {@code MilliValue()}: the value in thousandths, rounded away from zero. */
  public static long milliValue(Quantity quantity) {
    return parse(quantity).milliValue();
  }
}
