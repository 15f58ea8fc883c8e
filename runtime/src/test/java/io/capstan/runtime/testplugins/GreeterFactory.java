package io.capstan.runtime.testplugins;

import io.capstan.spi.plugin.PluginFactory;

public interface GreeterFactory<C> extends PluginFactory<C> {}
