package io.capstan.spi.scheduler;

import io.capstan.spi.plugin.PluginFactory;

/**
 * A scheduler plugin, enabled by name in the {@code scheduler.profiles[...]} of the configuration
 * (KubeSchedulerConfiguration's shape: {@code plugins.<extensionPoint>.enabled/disabled} with
 * weights for Score, or {@code multiPoint}). Register it in {@code
 * META-INF/services/io.capstan.spi.scheduler.SchedulerPluginFactory}.
 *
 * <p>Arguments: the profile's {@code pluginConfig} entry for this plugin ({@code - name:
 * NodeResourcesFit, args: {...}}) is bound with Jackson to {@code C}, strictly and with defaults
 * for absent fields, as for every plugin configuration; a plugin without arguments uses {@link
 * io.capstan.spi.plugin.NoConfig}.
 *
 * <p>Module: {@link #module(Object)} is called once per profile that enables the plugin, each
 * time in that profile's own child injector (so two profiles may give the same plugin different
 * arguments), and must bind {@link SchedulerPlugin} to the plugin class. The injector provides
 * {@link FrameworkHandle} and the host's clock and executor. The framework finds the extension
 * points by the interfaces the bound instance implements, and rejects a profile that enables the
 * plugin at a point it does not implement.
 */
public interface SchedulerPluginFactory<C> extends PluginFactory<C> {}
