package io.capstan.runtime.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configuration keys a config record accepts, derived from its components: a scalar or list
 * component is a leaf key, a nested record adds its own keys under the component's name, and a map
 * or JSON component opens a prefix under which any key is accepted.
 */
public final class RecordKeys {

  /** The keys of one record under one prefix. */
  public record Keys(List<String> leaves, List<String> openPrefixes) {}

  private RecordKeys() {}

  public static Keys of(String prefix, Class<?> type) {
    List<String> leaves = new ArrayList<>();
    List<String> open = new ArrayList<>();
    collect(prefix, type, leaves, open, 0);
    return new Keys(List.copyOf(leaves), List.copyOf(open));
  }

  private static void collect(String prefix, Class<?> type, List<String> leaves, List<String> open, int depth) {
    if (!type.isRecord()) {
      // A non-record config type cannot be checked key by key: accept anything under it.
      open.add(prefix);
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      String key = prefix + "." + jsonName(component);
      Class<?> t = component.getType();
      if (t.isRecord() && depth < 8) {
        collect(key, t, leaves, open, depth + 1);
      } else if (Map.class.isAssignableFrom(t) || JsonNode.class.isAssignableFrom(t) || t == Object.class) {
        open.add(key);
      } else {
        leaves.add(key);
      }
    }
  }

  static String jsonName(RecordComponent component) {
    JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
    if (property == null) {
      property = component.getAnnotation(JsonProperty.class);
    }
    return property != null && !property.value().isEmpty() ? property.value() : component.getName();
  }
}
