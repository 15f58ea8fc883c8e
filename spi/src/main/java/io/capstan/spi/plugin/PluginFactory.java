package io.capstan.spi.plugin;

import com.google.inject.Module;

/**
 * The one entry point of every plugin, whatever the SPI it implements.
 *
 * <p>Each SPI has its own sub-interface ({@code StoreFactory}, {@code AuthenticatorFactory}, ...) so
 * that {@link java.util.ServiceLoader} can find the plugins of one SPI. A plugin is registered with one
 * line in {@code META-INF/services/<fully qualified factory interface>} naming its factory class, which
 * must be public with a public no-argument constructor.
 *
 * <p>The kernel calls, in this order and on one thread: {@link #name()}, {@link #configType()}, then
 * (only when the configuration selects this plugin) {@link #module(Object)} once with the bound
 * configuration. The returned Guice module must bind the SPI's service interface (for a store,
 * {@code bind(Store.class).to(MyStore.class)}) and may bind any private helpers it needs. The kernel
 * installs it inside a private module, so bindings of two plugins never clash, and exposes only the
 * service binding. Host services (the {@link io.capstan.spi.clock.Clock}, the task executor,
 * clients) are available to the module by injection; a plugin never imports runtime classes.
 *
 * <p>Factories must be cheap to construct and free of side effects: construction happens for every
 * discovered plugin, selected or not (for {@code capstan plugins}, for instance).
 *
 * @param <C> the plugin's configuration type: a record bound with Jackson from the configuration
 *     subset under the plugin's own prefix ({@code <spi prefix>.<plugin name>.*}); validation belongs
 *     in its compact constructor and reports problems with {@link InvalidConfigException}. Use
 *     {@link NoConfig} when the plugin has no settings.
 */
public interface PluginFactory<C> {

  /**
   * The plugin's name, unique within its SPI. Kubernetes' own name where Kubernetes has one
   * ({@code NodeResourcesFit}, {@code iptables}), lower-kebab-case otherwise ({@code rocksdb}).
   */
  String name();

  /** One line saying what the plugin does, shown by {@code capstan plugins}. */
  default String description() {
    return "";
  }

  /** The record the plugin's configuration binds to; {@link NoConfig} for none. */
  Class<C> configType();

  /**
   * The Guice module that wires the plugin. Called at most once per injector, with a configuration
   * object that already passed validation. Must not start threads or open resources: do that in the
   * service's own lifecycle (see {@link Lifecycle}).
   */
  Module module(C config);
}
