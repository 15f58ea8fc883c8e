package io.capstan.runtime.testplugins;

import io.capstan.spi.plugin.PluginFactory;

public interface JournalFactory<C> extends PluginFactory<C> {}
