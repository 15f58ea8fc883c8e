package io.capstan.runtime.plugin;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.plugin.PluginFactory;
import java.util.List;

/**
 * One slot of the plugin catalogue: the factory interface ServiceLoader looks for, the service
 * interfaces a plugin's module must bind, how the configuration selects plugins, and where their
 * settings live.
 *
 * @param id short name used in messages and qualifiers ({@code store})
 * @param title what {@code capstan plugins} calls the slot ({@code Store})
 * @param factoryType the {@code XxxFactory} interface plugins implement and list in META-INF/services
 * @param serviceTypes the interfaces each plugin's module must bind (a clock binds two)
 * @param mode how plugins are selected
 * @param selectionKey the configuration key that selects ({@code store.plugin}); empty for ALL and REGISTRY
 * @param configPrefix plugin settings live under {@code configPrefix.<plugin name>.*}
 */
@SuppressWarnings("rawtypes")
public record SpiFamily(
    String id,
    String title,
    Class<? extends PluginFactory> factoryType,
    List<Class<?>> serviceTypes,
    SelectionMode mode,
    String selectionKey,
    String configPrefix) {

  public SpiFamily {
    requireNonNull(id, "id");
    requireNonNull(title, "title");
    requireNonNull(factoryType, "factoryType");
    serviceTypes = List.copyOf(serviceTypes);
    requireNonNull(mode, "mode");
    requireNonNull(selectionKey, "selectionKey");
    requireNonNull(configPrefix, "configPrefix");
    if (serviceTypes.isEmpty()) {
      throw new IllegalArgumentException("family " + id + " needs at least one service type");
    }
    boolean needsKey = mode == SelectionMode.ONE || mode == SelectionMode.ORDERED_LIST || mode == SelectionMode.ENABLED_SET;
    if (needsKey == selectionKey.isEmpty()) {
      throw new IllegalArgumentException("family " + id + ": mode " + mode + (needsKey ? " needs" : " takes no") + " selection key");
    }
  }

  /** The configuration prefix of one plugin's settings. */
  public String configPrefixOf(String pluginName) {
    return configPrefix + "." + pluginName;
  }
}
