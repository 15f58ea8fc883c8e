package io.capstan.plugins.archfixture;

import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;

/**
 * A stand-in SPI factory interface for the plugin-rule fixtures, so their services file does not
 * add test plugins to a real SPI such as ClockFactory.
 */
public interface FixtureFactory extends PluginFactory<NoConfig> {}
