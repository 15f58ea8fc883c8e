package io.capstan.tck.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.plugin.PluginFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The guard every plugin module carries (Druid's habit): each factory class the module ships is
 * listed in {@code META-INF/services}, and no two plugins of one SPI share a name.
 */
public abstract class AbstractPluginRegistrationTest {

  /** One factory the module ships, with the SPI factory interface it is registered under. */
  public record Registration(@SuppressWarnings("rawtypes") Class<? extends PluginFactory> spi, Class<?> factoryClass) {}

  /** Every factory this module ships. */
  protected abstract List<Registration> registrations();

  @Test
  void everyFactoryIsListedInMetaInfServices() {
    for (Registration registration : registrations()) {
      List<Class<?>> listed = ServiceLoader.load(registration.spi(), getClass().getClassLoader()).stream()
          .map(ServiceLoader.Provider::type)
          .<Class<?>>map(c -> c)
          .toList();
      assertThat(listed)
          .as("META-INF/services/%s must name %s", registration.spi().getName(), registration.factoryClass().getName())
          .contains(registration.factoryClass());
    }
  }

  @Test
  void pluginNamesAreUniquePerSpi() {
    for (Registration registration : registrations()) {
      Map<String, String> byName = new HashMap<>();
      for (PluginFactory<?> factory : ServiceLoader.load(registration.spi(), getClass().getClassLoader())) {
        String clash = byName.putIfAbsent(factory.name(), factory.getClass().getName());
        assertThat(clash)
            .as("%s and %s are both named '%s'", clash, factory.getClass().getName(), factory.name())
            .isNull();
      }
    }
  }
}
