package io.capstan.tck.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.PrivateModule;
import com.google.inject.Stage;
import com.google.inject.name.Names;
import io.capstan.spi.plugin.Lifecycle;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginConfigMapper;
import io.capstan.spi.plugin.PluginFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The test every plugin extends as {@code <Name>PluginTest}: it builds the plugin through its
 * factory and module from a settings map, the way the kernel does, and closes it.
 *
 * <p>It checks that the name follows the convention, that the factory is registered for
 * ServiceLoader, that the settings bind (and unknown settings are refused), and that the module,
 * installed in a private module as the kernel installs it, binds every service interface of the
 * SPI; a service that implements {@link Lifecycle} is started and closed.
 *
 * @param <C> the plugin's config record
 */
public abstract class AbstractPluginTest<C> {

  private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern PASCAL = Pattern.compile("[A-Z][A-Za-z0-9]*");

  /** A fresh factory, created as ServiceLoader would (public no-argument constructor). */
  protected abstract PluginFactory<C> factory();

  /** The SPI's factory interface, e.g. {@code StoreFactory.class}. */
  @SuppressWarnings("rawtypes")
  protected abstract Class<? extends PluginFactory> spiFactoryType();

  /** The interfaces the plugin's module must bind, e.g. {@code List.of(Store.class)}. */
  protected abstract List<Class<?>> serviceTypes();

  /** The plugin's settings, relative to its prefix, as a user would write them. Defaults: none. */
  protected Map<String, Object> settings() {
    return Map.of();
  }

  /** Host services the plugin injects (a clock, an executor, a client). Defaults to none. */
  protected Module hostModule() {
    return new AbstractModule() {};
  }

  /** Binds the settings exactly as the kernel does. */
  protected final C bindSettings(Map<String, Object> settings) {
    Class<C> type = factory().configType();
    if (type == NoConfig.class) {
      assertThat(settings).as("a plugin without a config record takes no settings").isEmpty();
      return type.cast(NoConfig.INSTANCE);
    }
    return PluginConfigMapper.create().convertValue(settings, type);
  }

  @Test
  void nameFollowsTheNamingConvention() {
    String name = factory().name();
    assertThat(name).as("plugin name").isNotBlank();
    assertThat(KEBAB.matcher(name).matches() || PASCAL.matcher(name).matches())
        .as("'%s' should be Kubernetes' own PascalCase name or lower-kebab-case", name)
        .isTrue();
  }

  @Test
  void factoryIsRegisteredForServiceLoader() {
    Class<?> factoryClass = factory().getClass();
    List<Class<?>> found = ServiceLoader.load(spiFactoryType(), factoryClass.getClassLoader()).stream()
        .map(ServiceLoader.Provider::type)
        .<Class<?>>map(c -> c)
        .toList();
    assertThat(found)
        .as("META-INF/services/%s must list %s", spiFactoryType().getName(), factoryClass.getName())
        .contains(factoryClass);
  }

  @Test
  void settingsBindToTheConfigRecord() {
    assertThat(bindSettings(settings())).isNotNull().isInstanceOf(factory().configType());
  }

  @Test
  void unknownSettingsAreRefused() {
    if (factory().configType() == NoConfig.class) {
      return; // nothing to bind: the kernel refuses any setting for such a plugin itself
    }
    Map<String, Object> withTypo = new LinkedHashMap<>(settings());
    withTypo.put("noSuchSettingAnywhere", "x");
    assertThatThrownBy(() -> bindSettings(withTypo)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("noSuchSettingAnywhere");
  }

  @Test
  void moduleWiresEveryServiceAndClosesCleanly() throws Exception {
    PluginFactory<C> factory = factory();
    Module own = factory.module(bindSettings(settings()));
    assertThat(own).as("module(config)").isNotNull();
    Injector injector = Guice.createInjector(Stage.PRODUCTION, hostModule(), new PrivateModule() {
      @Override
      @SuppressWarnings({"unchecked", "rawtypes"})
      protected void configure() {
        install(own);
        for (Class<?> type : serviceTypes()) {
          Key exposed = Key.get(type, Names.named("under-test"));
          bind(exposed).to((Class) type);
          expose(exposed);
        }
      }
    });
    for (Class<?> type : serviceTypes()) {
      Object service = injector.getInstance(Key.get(type, Names.named("under-test")));
      assertThat(service).as("binding of %s", type.getName()).isInstanceOf(type);
      if (service instanceof Lifecycle lifecycle) {
        lifecycle.start();
        lifecycle.close();
        lifecycle.close(); // idempotent, as the Lifecycle contract says
      }
    }
  }
}
