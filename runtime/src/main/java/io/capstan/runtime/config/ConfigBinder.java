package io.capstan.runtime.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.capstan.spi.plugin.InvalidConfigException;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginConfigMapper;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Binds the settings under a prefix to a typed config record with Jackson, and turns every
 * failure into a {@link ConfigProblem} that names the full key, where it was set, and what is
 * wrong. Records apply their own defaults for absent values (null components) and validate in
 * their compact constructors by throwing {@link InvalidConfigException}.
 */
public final class ConfigBinder {

  private final ObjectMapper mapper;

  public ConfigBinder() {
    this.mapper = PluginConfigMapper.create();
  }

  /**
   * Binds {@code config}'s settings under {@code prefix} to {@code type}.
   *
   * @throws ConfigurationException naming the key, its source and the problem
   */
  public <C> C bind(LayeredConfig config, String prefix, Class<C> type) {
    requireNonNull(config, "config");
    requireNonNull(prefix, "prefix");
    requireNonNull(type, "type");
    Map<String, Object> tree = config.tree(prefix);
    if (type == NoConfig.class) {
      if (!tree.isEmpty()) {
        String key = prefix + "." + tree.keySet().iterator().next();
        throw ConfigurationException.of(key, config.where(firstLeaf(config, prefix)), "this plugin takes no settings; remove it");
      }
      return type.cast(NoConfig.INSTANCE);
    }
    splitCommaListsForListComponents(tree, type);
    try {
      return mapper.convertValue(tree, type);
    } catch (IllegalArgumentException e) {
      throw translate(config, prefix, e);
    }
  }

  /** The record's settings as flat keys and values, for {@code capstan config}. */
  public Map<String, Object> flatten(String prefix, Object record) {
    Map<String, Object> tree = mapper.convertValue(record, mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
    Map<String, Object> flat = new TreeMap<>();
    flattenInto(prefix, tree, flat);
    return flat;
  }

  private static void flattenInto(String prefix, Map<?, ?> tree, Map<String, Object> flat) {
    tree.forEach((k, v) -> {
      String key = prefix + "." + k;
      if (v instanceof Map<?, ?> child && !child.isEmpty()) {
        flattenInto(key, child, flat);
      } else if (v != null) {
        flat.put(key, v);
      }
    });
  }

  private static String firstLeaf(LayeredConfig config, String prefix) {
    return config.keys().stream().filter(k -> k.startsWith(prefix + ".")).findFirst().orElse(prefix);
  }

  private static void splitCommaListsForListComponents(Map<String, Object> tree, Class<?> type) {
    if (!type.isRecord()) {
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      String name = RecordKeys.jsonName(component);
      Object value = tree.get(name);
      if (List.class.isAssignableFrom(component.getType()) && value instanceof String s) {
        List<String> parts = new ArrayList<>();
        for (String part : s.split(",")) {
          if (!part.isBlank()) {
            parts.add(part.trim());
          }
        }
        tree.put(name, parts);
      } else if (component.getType().isRecord() && value instanceof Map<?, ?> child) {
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) child;
        splitCommaListsForListComponents(nested, component.getType());
      }
    }
  }

  private static ConfigurationException translate(LayeredConfig config, String prefix, IllegalArgumentException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    if (cause instanceof ValueInstantiationException vie && vie.getCause() instanceof InvalidConfigException ice) {
      String path = pathOf(vie);
      String key = prefix + (path.isEmpty() ? "" : "." + path) + "." + ice.field();
      return ConfigurationException.of(key, config.where(key), ice.getMessage());
    }
    if (cause instanceof UnrecognizedPropertyException upe) {
      String key = prefix + "." + pathOf(upe);
      String known = upe.getKnownPropertyIds() == null ? "" : upe.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
      return ConfigurationException.of(key, config.where(key), "unknown setting; valid settings here: " + known);
    }
    if (cause instanceof JsonMappingException jme) {
      String key = prefix + "." + pathOf(jme);
      String message = jme.getOriginalMessage().replaceAll("\\(class [^)]*\\)", "").replaceAll(" +", " ").trim();
      Object value = config.get(key).map(ConfiguredValue::display).orElse("?");
      return ConfigurationException.of(key, config.where(key), "cannot use value '" + value + "': " + message);
    }
    return ConfigurationException.of(prefix, "configuration", String.valueOf(cause.getMessage()));
  }

  private static String pathOf(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
        .collect(Collectors.joining("."));
  }
}
