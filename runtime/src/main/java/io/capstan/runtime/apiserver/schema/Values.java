package io.capstan.runtime.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KubeJson;
import java.math.BigDecimal;

/** Turns JSON values into the plain Java values error messages print, as Go would hold them. */
final class Values {

  private Values() {}

  /** Strings, longs, doubles and booleans as themselves; containers as maps and lists. */
  static Object plain(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isNull() || value.isMissingNode()) {
      return null;
    }
    return KubeJson.mapper().convertValue(value, Object.class);
  }

  /** A bound as Go's %v prints it: no trailing zeros. */
  static String number(BigDecimal bound) {
    return bound.stripTrailingZeros().toPlainString();
  }
}
