package io.capstan.runtime.apiserver.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.Quantities;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;

/**
 * Prints values the way Kubernetes' {@code field.Error.ErrorBody} does (apimachinery
 * {@code util/validation/field/errors.go}): integers and booleans plainly ({@code %v}), strings
 * Go-quoted ({@code %q}), anything else as compact JSON ({@code json.Marshal}), nil as
 * {@code null}. Stateless.
 */
final class GoFormat {

  private GoFormat() {}

  /** One bad value as Kubernetes prints it after {@code Invalid value: }. */
  static String value(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Double || value instanceof Float) {
      return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Quantity q) {
      // resource.Quantity marshals to its canonical string
      return quote(canonical(q));
    }
    if (value instanceof IntOrString ios) {
      // intstr.IntOrString marshals to a bare number or a JSON string
      return ios.getIntVal() != null ? ios.getIntVal().toString() : quote(ios.getStrVal() == null ? "" : ios.getStrVal());
    }
    try {
      return KubeJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  /** A quantity's canonical text, or its raw text when it does not parse. */
  static String canonical(Quantity q) {
    try {
      return Quantities.parse(q).toString();
    } catch (IllegalArgumentException e) {
      return (q.getAmount() == null ? "" : q.getAmount()) + (q.getFormat() == null ? "" : q.getFormat());
    }
  }

  /** Go's {@code strconv.Quote}: double quotes, backslash escapes, non-printables escaped. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case 0x07 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 0x0B -> out.append("\\v");
        default -> {
          if (cp < 0x20 || cp == 0x7F) {
            out.append(String.format("\\x%02x", cp));
          } else if (cp > 0x7F && !printable(cp)) {
            out.append(cp > 0xFFFF ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
          } else {
            out.appendCodePoint(cp);
          }
        }
      }
    });
    return out.append('"').toString();
  }

  private static boolean printable(int cp) {
    int type = Character.getType(cp);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.SURROGATE && type != Character.PRIVATE_USE && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR && (type != Character.SPACE_SEPARATOR || cp == ' ');
  }
}
