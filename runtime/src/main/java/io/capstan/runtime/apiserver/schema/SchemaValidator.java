package io.capstan.runtime.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.validation.ErrorType;
import io.capstan.runtime.apiserver.validation.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Validates a JSON value against an OpenAPI v3 (structural) schema the way kube-openapi's validator
 * does for custom resources, and words each problem as Kubernetes does, for example
 * {@code spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"} or
 * {@code spec.colour: Unsupported value: "pink": supported values: "red", "green"}.
 *
 * <p>Supported keywords: type, nullable, format int32/int64, properties, required,
 * additionalProperties, items, enum, minimum/maximum (with exclusive), minLength/maxLength,
 * pattern, minItems/maxItems, uniqueItems, minProperties/maxProperties, allOf/anyOf/oneOf/not,
 * x-kubernetes-int-or-string and x-kubernetes-preserve-unknown-fields. Stateless and thread-safe.
 */
public final class SchemaValidator {

  private SchemaValidator() {}

  /** The problems of {@code value} at {@code path}; empty when it conforms. */
  public static List<FieldError> validate(JsonNode schema, JsonNode value, String path) {
    List<FieldError> errors = new ArrayList<>();
    check(schema, value, path, errors);
    return errors;
  }

  private static void check(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false) && schema.has("type")) {
        errors.add(new FieldError(ErrorType.TYPE_INVALID, path, "null",
            path + " in body must be of type " + schema.get("type").asText() + ": \"null\""));
      }
      return;
    }
    if (!typeMatches(schema, value, path, errors)) {
      return;
    }
    checkEnum(schema, value, path, errors);
    if (value.isNumber()) {
      checkNumber(schema, value, path, errors);
    } else if (value.isTextual()) {
      checkString(schema, value.asText(), path, errors);
    } else if (value.isArray()) {
      checkArray(schema, value, path, errors);
    } else if (value.isObject()) {
      checkObject(schema, value, path, errors);
    }
    checkCombinators(schema, value, path, errors);
  }

  private static boolean typeMatches(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (value.isIntegralNumber() || value.isTextual()) {
        return true;
      }
      errors.add(new FieldError(ErrorType.TYPE_INVALID, path, jsonType(value),
          path + " in body must be of type integer,string: \"" + jsonType(value) + "\""));
      return false;
    }
    String type = schema.path("type").asText("");
    boolean ok = switch (type) {
      case "" -> true;
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
    if (!ok) {
      errors.add(new FieldError(ErrorType.TYPE_INVALID, path, jsonType(value),
          path + " in body must be of type " + type + ": \"" + jsonType(value) + "\""));
    }
    if (ok && type.equals("integer")) {
      String format = schema.path("format").asText("");
      long max = format.equals("int32") ? Integer.MAX_VALUE : Long.MAX_VALUE;
      long min = format.equals("int32") ? Integer.MIN_VALUE : Long.MIN_VALUE;
      BigDecimal v = value.decimalValue();
      if (v.compareTo(BigDecimal.valueOf(max)) > 0 || v.compareTo(BigDecimal.valueOf(min)) < 0) {
        errors.add(new FieldError(ErrorType.INVALID, path, value.numberValue(),
            path + " in body must be of type " + (format.isEmpty() ? "int64" : format) + ": \"" + value.asText() + "\""));
        return false;
      }
    }
    return ok;
  }

  /** The name kube-openapi prints for a JSON value's type. */
  static String jsonType(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isArray()) {
      return "array";
    }
    return value.isObject() ? "object" : "null";
  }

  private static void checkEnum(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
    JsonNode allowed = schema.get("enum");
    if (allowed == null || !allowed.isArray()) {
      return;
    }
    for (JsonNode a : allowed) {
      if (a.equals(value) || (a.isNumber() && value.isNumber() && a.decimalValue().compareTo(value.decimalValue()) == 0)) {
        return;
      }
    }
    List<String> choices = new ArrayList<>();
    allowed.forEach(a -> choices.add(a.isTextual() ? "\"" + a.asText() + "\"" : a.toString()));
    errors.add(new FieldError(ErrorType.NOT_SUPPORTED, path, Values.plain(value),
        "supported values: " + String.join(", ", choices)));
  }

  private static void checkNumber(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
    BigDecimal v = value.decimalValue();
    if (schema.has("maximum")) {
      BigDecimal max = schema.get("maximum").decimalValue();
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
      if (exclusive ? v.compareTo(max) >= 0 : v.compareTo(max) > 0) {
        errors.add(new FieldError(ErrorType.INVALID, path, Values.plain(value), path + " in body should be less than "
            + (exclusive ? "" : "or equal to ") + Values.number(max)));
      }
    }
    if (schema.has("minimum")) {
      BigDecimal min = schema.get("minimum").decimalValue();
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
      if (exclusive ? v.compareTo(min) <= 0 : v.compareTo(min) < 0) {
        errors.add(new FieldError(ErrorType.INVALID, path, Values.plain(value), path + " in body should be greater than "
            + (exclusive ? "" : "or equal to ") + Values.number(min)));
      }
    }
    if (schema.has("multipleOf")) {
      BigDecimal factor = schema.get("multipleOf").decimalValue();
      if (factor.signum() != 0 && v.remainder(factor).signum() != 0) {
        errors.add(new FieldError(ErrorType.INVALID, path, Values.plain(value),
            path + " in body should be a multiple of " + Values.number(factor)));
      }
    }
  }

  private static void checkString(JsonNode schema, String value, String path, List<FieldError> errors) {
    int length = value.codePointCount(0, value.length());
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      errors.add(new FieldError(ErrorType.TOO_LONG, path, value, "may not be more than " + schema.get("maxLength").asInt()
          + " bytes"));
    }
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      errors.add(new FieldError(ErrorType.INVALID, path, value, path + " in body should be at least "
          + schema.get("minLength").asInt() + " chars long"));
    }
    if (schema.has("pattern")) {
      String regex = schema.get("pattern").asText();
      try {
        if (!Pattern.compile(regex).matcher(value).find()) {
          errors.add(new FieldError(ErrorType.INVALID, path, value, path + " in body should match '" + regex + "'"));
        }
      } catch (PatternSyntaxException e) {
        errors.add(new FieldError(ErrorType.INTERNAL, path, value, "the schema's pattern '" + regex + "' is invalid"));
      }
    }
  }

  private static void checkArray(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
    if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
      errors.add(new FieldError(ErrorType.TOO_MANY, path, value.size(), "must have at most " + schema.get("maxItems").asInt()
          + " items"));
    }
    if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
      errors.add(new FieldError(ErrorType.INVALID, path, value.size(), path + " in body should have at least "
          + schema.get("minItems").asInt() + " items"));
    }
    if (schema.path("uniqueItems").asBoolean(false)) {
      Set<JsonNode> seen = new HashSet<>();
      for (int i = 0; i < value.size(); i++) {
        if (!seen.add(value.get(i))) {
          errors.add(new FieldError(ErrorType.DUPLICATE, path + "[" + i + "]", Values.plain(value.get(i)), ""));
        }
      }
    }
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < value.size(); i++) {
        check(items, value.get(i), path + "[" + i + "]", errors);
      }
    }
  }

  private static void checkObject(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
    JsonNode required = schema.get("required");
    if (required != null && required.isArray()) {
      for (JsonNode name : required) {
        if (!value.has(name.asText())) {
          errors.add(new FieldError(ErrorType.REQUIRED, child(path, name.asText()), null, ""));
        }
      }
    }
    if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
      errors.add(new FieldError(ErrorType.TOO_MANY, path, value.size(), "must have at most "
          + schema.get("maxProperties").asInt() + " items"));
    }
    if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
      errors.add(new FieldError(ErrorType.INVALID, path, value.size(), path + " in body should have at least "
          + schema.get("minProperties").asInt() + " properties"));
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode propertySchema = properties.get(field.getKey());
      if (propertySchema != null) {
        check(propertySchema, field.getValue(), child(path, field.getKey()), errors);
      } else if (additional != null && additional.isObject()) {
        check(additional, field.getValue(), child(path, field.getKey()), errors);
      }
    }
  }

  private static void checkCombinators(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
    for (JsonNode part : schema.path("allOf")) {
      check(part, value, path, errors);
    }
    if (schema.has("anyOf") && countMatching(schema.get("anyOf"), value, path) == 0) {
      errors.add(new FieldError(ErrorType.INVALID, path, Values.plain(value), "must validate at least one schema (anyOf)"));
    }
    if (schema.has("oneOf") && countMatching(schema.get("oneOf"), value, path) != 1) {
      errors.add(new FieldError(ErrorType.INVALID, path, Values.plain(value), "must validate one and only one schema (oneOf)"));
    }
    if (schema.has("not") && validate(schema.get("not"), value, path).isEmpty()) {
      errors.add(new FieldError(ErrorType.INVALID, path, Values.plain(value), "must not validate the schema (not)"));
    }
  }

  private static int countMatching(JsonNode schemas, JsonNode value, String path) {
    int matching = 0;
    for (JsonNode s : schemas) {
      if (validate(s, value, path).isEmpty()) {
        matching++;
      }
    }
    return matching;
  }

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** For messages listing several names. */
  static String quoted(List<String> names) {
    return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
  }
}
