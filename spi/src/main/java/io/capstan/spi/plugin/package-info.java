/**
 * What every plugin shares: the {@link io.capstan.spi.plugin.PluginFactory} entry point, the
 * configuration conventions and the {@link io.capstan.spi.plugin.Lifecycle} of services that own
 * resources.
 */
package io.capstan.spi.plugin;
