package io.capstan.runtime.kernel;

import io.capstan.runtime.CapstanException;
import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.PrivateModule;
import com.google.inject.Provider;
import com.google.inject.name.Names;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.Message;
import com.google.inject.util.Types;
import io.capstan.runtime.plugin.DiscoveredPlugin;
import io.capstan.runtime.plugin.SelectionMode;
import io.capstan.runtime.plugin.SpiFamily;
import io.capstan.spi.plugin.PluginFactory;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the selected plugins into Guice modules. Each plugin's own module is installed inside a
 * {@link PrivateModule} that exposes only its service bindings, under a qualifier naming the
 * plugin ({@code @Named("store:rocksdb") Store}), so two plugins can never clash. The family then
 * gets its public bindings: the bare service type for a single plugin (exposed by its private module), and an ordered {@code
 * List<S>} and {@code Map<String, S>} (by plugin name) for chains and sets.
 */
final class PluginModules {

  private PluginModules() {}

  static Key<?> qualifiedKey(Class<?> serviceType, DiscoveredPlugin plugin) {
    return Key.get(serviceType, Names.named(plugin.family().id() + ":" + plugin.name()));
  }

  /** The module of one plugin, checked before it reaches the injector, wrapped as a private module. */
  static Module wrap(DiscoveredPlugin plugin, Object config) {
    Module own = buildModule(plugin, config);
    List<Element> elements = Elements.getElements(own);
    for (Element element : elements) {
      if (element instanceof Message message) {
        throw new CapstanException(plugin + " has a broken Guice module: " + describe(message), message.getCause());
      }
    }
    for (Class<?> serviceType : plugin.family().serviceTypes()) {
      boolean bound = elements.stream().anyMatch(e -> e instanceof Binding<?> b && b.getKey().equals(Key.get(serviceType)));
      if (!bound) {
        throw new CapstanException(plugin + ": its Guice module must bind " + serviceType.getName()
            + " (e.g. bind(" + serviceType.getSimpleName() + ".class).to(YourImplementation.class))");
      }
    }
    return new PrivateModule() {
      @Override
      protected void configure() {
        install(own);
        for (Class<?> serviceType : plugin.family().serviceTypes()) {
          exposeAs(binder(), serviceType, plugin);
        }
      }
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Module buildModule(DiscoveredPlugin plugin, Object config) {
    try {
      Module module = ((PluginFactory) plugin.factory()).module(config);
      if (module == null) {
        throw new CapstanException(plugin + ": module(config) returned null; return a Guice module that binds "
            + plugin.family().serviceTypes().get(0).getName());
      }
      return module;
    } catch (CapstanException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new CapstanException(plugin + " failed to build its Guice module: " + e, e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void exposeAs(com.google.inject.PrivateBinder binder, Class serviceType, DiscoveredPlugin plugin) {
    Key qualified = qualifiedKey(serviceType, plugin);
    binder.bind(qualified).to(Key.get(serviceType));
    binder.expose(qualified);
    if (plugin.family().mode() == SelectionMode.ONE) {
      // The family's one plugin also provides the bare type. Exposing it (rather than binding it
      // again outside) is the only way: a parent binding would clash with the private one.
      binder.expose(Key.get(serviceType));
    }
  }

  /** The public bindings of one family over its selected plugins. */
  static Module familyBindings(SpiFamily family, List<DiscoveredPlugin> selected) {
    return new AbstractModule() {
      @Override
      @SuppressWarnings({"unchecked", "rawtypes"})
      protected void configure() {
        for (Class<?> serviceType : family.serviceTypes()) {
          if (family.mode() == SelectionMode.ONE) {
            continue; // the plugin's private module exposes the bare type itself
          }
          List<Key<?>> keys = new ArrayList<>();
          List<String> names = new ArrayList<>();
          for (DiscoveredPlugin plugin : selected) {
            keys.add(qualifiedKey(serviceType, plugin));
            names.add(plugin.name());
          }
          bind((Key) Key.get(Types.listOf(serviceType))).toProvider(new ListProvider(keys));
          bind((Key) Key.get(Types.mapOf(String.class, serviceType))).toProvider(new MapProvider(names, keys));
        }
      }
    };
  }

  private static String describe(Message message) {
    return message.getMessage() + (message.getCause() != null ? " (" + message.getCause() + ")" : "");
  }

  /** The plugins of a chain, in configured order. */
  static final class ListProvider implements Provider<List<Object>> {
    private final List<Key<?>> keys;
    @Inject Injector injector;

    ListProvider(List<Key<?>> keys) {
      this.keys = List.copyOf(keys);
    }

    @Override
    public List<Object> get() {
      List<Object> out = new ArrayList<>();
      keys.forEach(k -> out.add(injector.getInstance(k)));
      return Collections.unmodifiableList(out);
    }
  }

  /** The plugins of a set, by name, in configured order. */
  static final class MapProvider implements Provider<Map<String, Object>> {
    private final List<String> names;
    private final List<Key<?>> keys;
    @Inject Injector injector;

    MapProvider(List<String> names, List<Key<?>> keys) {
      this.names = List.copyOf(names);
      this.keys = List.copyOf(keys);
    }

    @Override
    public Map<String, Object> get() {
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        out.put(names.get(i), injector.getInstance(keys.get(i)));
      }
      return Collections.unmodifiableMap(out);
    }
  }
}
