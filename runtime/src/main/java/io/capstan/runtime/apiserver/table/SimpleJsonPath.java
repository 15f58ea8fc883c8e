package io.capstan.runtime.apiserver.table;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSONPath subset of CRD printer columns ("simple JSONPath": a chain of fields and array
 * indexes): {@code .spec.replicas}, {@code .status.conditions[0].type},
 * {@code .metadata.labels['app.kubernetes.io/name']}, also written inside braces
 * ({@code {.spec.replicas}}) as kubectl's custom columns do. Parsing fails fast with the offending
 * position; evaluation never fails, a path that leads nowhere finds nothing. Immutable.
 */
final class SimpleJsonPath {

  private final String text;
  private final List<Object> steps; // String field names and Integer indexes

  private SimpleJsonPath(String text, List<Object> steps) {
    this.text = text;
    this.steps = List.copyOf(steps);
  }

  /**
   * Parses {@code path}.
   *
   * @throws IllegalArgumentException naming the path and the position that is not understood
   */
  static SimpleJsonPath parse(String path) {
    requireNonNull(path, "path");
    String p = path.strip();
    if (p.startsWith("{") && p.endsWith("}")) {
      p = p.substring(1, p.length() - 1);
    }
    if (p.startsWith("$")) {
      p = p.substring(1);
    }
    List<Object> steps = new ArrayList<>();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        if (end == i + 1) {
          throw error(path, i, "a field name after '.'");
        }
        steps.add(p.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int close = p.indexOf(']', i);
        if (close < 0) {
          throw error(path, i, "a closing ']'");
        }
        String inside = p.substring(i + 1, close).strip();
        if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
            || inside.startsWith("\"") && inside.endsWith("\""))) {
          steps.add(inside.substring(1, inside.length() - 1));
        } else {
          try {
            steps.add(Integer.parseInt(inside));
          } catch (NumberFormatException e) {
            throw error(path, i, "an array index or a quoted field name inside [ ]");
          }
        }
        i = close + 1;
      } else {
        throw error(path, i, "'.' or '['");
      }
    }
    return new SimpleJsonPath(path, steps);
  }

  private static IllegalArgumentException error(String path, int at, String expected) {
    return new IllegalArgumentException("JSONPath '" + path + "': at position " + at + " expected " + expected
        + "; printer columns take simple paths such as .spec.replicas or .status.conditions[0].type");
  }

  /** The value at this path in {@code root}, empty when a step finds nothing or JSON null. */
  Optional<JsonNode> find(JsonNode root) {
    JsonNode current = root;
    for (Object step : steps) {
      if (current == null) {
        return Optional.empty();
      }
      if (step instanceof Integer index) {
        int at = index < 0 ? current.size() + index : index;
        current = current.isArray() ? current.get(at) : null;
      } else {
        current = current.isObject() ? current.get((String) step) : null;
      }
    }
    return current == null || current.isNull() || current.isMissingNode() ? Optional.empty() : Optional.of(current);
  }

  @Override
  public String toString() {
    return text;
  }
}
