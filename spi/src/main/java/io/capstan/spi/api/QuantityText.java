package io.capstan.spi.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Reads and writes the quantity text form, following Kubernetes' apimachinery
 * {@code resource/quantity.go} ({@code ParseQuantity} and {@code CanonicalizeBytes}). Stateless.
 */
final class QuantityText {

  private static final String[] DECIMAL_SUFFIXES = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final Map<String, Integer> DECIMAL_EXPONENTS =
      Map.of("n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
  private static final Map<String, Integer> BINARY_POWERS =
      Map.of("Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);
  private static final BigDecimal NANO = BigDecimal.ONE.scaleByPowerOfTen(-9);
  // Kubernetes caps binary quantities, silently, at 2^63-1 ("9Ei" parses as 2^63-1).
  private static final BigDecimal MAX_BINARY = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal KI = BigDecimal.valueOf(1024);
  private static final BigInteger KI_INT = BigInteger.valueOf(1024);
  private static final String GRAMMAR =
      "expected <number><suffix> such as 500m, 1.5Gi, 2e3 or 128974848 (suffixes: n u m k M G T P E,"
          + " Ki Mi Gi Ti Pi Ei, or e<exponent>)";

  private QuantityText() {}

  static CanonicalQuantity parse(String text) {
    if (text.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    int pos = 0;
    int end = text.length();
    boolean negative = false;
    if (text.charAt(0) == '-' || text.charAt(0) == '+') {
      negative = text.charAt(0) == '-';
      pos++;
    }
    int intStart = pos;
    while (pos < end && isDigit(text.charAt(pos))) {
      pos++;
    }
    String intDigits = text.substring(intStart, pos);
    String fracDigits = "";
    if (pos < end && text.charAt(pos) == '.') {
      int fracStart = ++pos;
      while (pos < end && isDigit(text.charAt(pos))) {
        pos++;
      }
      fracDigits = text.substring(fracStart, pos);
    }
    if (intDigits.isEmpty() && fracDigits.isEmpty()) {
      // Kubernetes' scanner reads "Mi", "." or "-" as zero; a quantity without any digit is almost
      // certainly a mistake, so Capstan rejects it (the one deliberate difference from ParseQuantity).
      throw invalid(text, "it has no digits");
    }
    String suffix = text.substring(pos);
    BigDecimal amount = new BigDecimal(intDigits.isEmpty() ? "0" : intDigits)
        .add(fracDigits.isEmpty() ? BigDecimal.ZERO : new BigDecimal("0." + fracDigits));
    QuantityFormat format;
    Integer decimalExponent = DECIMAL_EXPONENTS.get(suffix);
    Integer binaryPower = BINARY_POWERS.get(suffix);
    if (decimalExponent != null) {
      format = QuantityFormat.DECIMAL_SI;
      amount = amount.scaleByPowerOfTen(decimalExponent);
    } else if (binaryPower != null) {
      format = QuantityFormat.BINARY_SI;
      amount = amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(binaryPower)));
    } else if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      format = QuantityFormat.DECIMAL_EXPONENT;
      amount = amount.scaleByPowerOfTen(exponent(text, suffix.substring(1)));
    } else {
      throw invalid(text, "'" + suffix + "' is not a known suffix");
    }
    amount = roundUpToNano(amount);
    if (format == QuantityFormat.BINARY_SI && amount.compareTo(MAX_BINARY) > 0) {
      amount = MAX_BINARY;
    }
    if (format == QuantityFormat.BINARY_SI && amount.signum() > 0 && amount.compareTo(BigDecimal.ONE) < 0) {
      format = QuantityFormat.DECIMAL_SI; // as Kubernetes: avoids a confusing binary fraction
    }
    return new CanonicalQuantity(negative ? amount.negate() : amount, format);
  }

  private static int exponent(String text, String digits) {
    int start = digits.startsWith("+") || digits.startsWith("-") ? 1 : 0;
    if (digits.length() == start || !digits.substring(start).chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid(text, "'e" + digits + "' is not a valid exponent");
    }
    try {
      int exponent = Integer.parseInt(digits);
      // keep BigDecimal scales far from int overflow; Kubernetes truncates to int32 instead
      if (Math.abs((long) exponent) > 1_000_000_000L) {
        throw new NumberFormatException();
      }
      return exponent;
    } catch (NumberFormatException e) {
      throw invalid(text, "the exponent " + digits + " is out of range");
    }
  }

  /** Non-zero values finer than 1n round away from zero to the next nano, as Kubernetes does. */
  private static BigDecimal roundUpToNano(BigDecimal amount) {
    if (amount.signum() == 0 || amount.scale() <= 9) {
      return amount;
    }
    // below 1n altogether: the answer is 1n, without dividing by a huge power of ten
    if (amount.precision() - amount.scale() < -9) {
      return NANO;
    }
    return amount.setScale(9, RoundingMode.UP);
  }

  static String format(BigDecimal amount, QuantityFormat requested) {
    if (amount.signum() == 0) {
      return "0";
    }
    String sign = amount.signum() < 0 ? "-" : "";
    BigDecimal abs = amount.abs();
    QuantityFormat format = requested;
    if (format == QuantityFormat.BINARY_SI
        && (abs.compareTo(KI) < 0 || abs.stripTrailingZeros().scale() > 0)) {
      format = QuantityFormat.DECIMAL_SI;
    }
    if (format == QuantityFormat.BINARY_SI) {
      BigInteger mantissa = abs.toBigIntegerExact();
      int power = 0;
      // stop at Ei: a larger power has no suffix (Kubernetes never gets there thanks to its cap)
      while (power < BINARY_SUFFIXES.length - 1 && mantissa.mod(KI_INT).signum() == 0) {
        mantissa = mantissa.shiftRight(10);
        power++;
      }
      return sign + mantissa + BINARY_SUFFIXES[power];
    }
    BigDecimal stripped = abs.stripTrailingZeros();
    BigInteger mantissa = stripped.unscaledValue();
    int exponent = -stripped.scale();
    int remainder = Math.floorMod(exponent, 3);
    if (remainder != 0) {
      mantissa = mantissa.multiply(BigInteger.TEN.pow(remainder));
      exponent -= remainder;
    }
    String suffix;
    if (format == QuantityFormat.DECIMAL_EXPONENT) {
      suffix = exponent == 0 ? "" : "e" + exponent;
    } else if (exponent >= -9 && exponent <= 18) {
      suffix = DECIMAL_SUFFIXES[exponent / 3 + 3];
    } else {
      suffix = "e" + exponent; // no SI suffix beyond E (or below n): Kubernetes falls back the same way
    }
    return sign + mantissa + suffix;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("invalid quantity '" + text + "': " + why + "; " + GRAMMAR);
  }
}
