package io.capstan.runtime.archfixture;

import io.capstan.plugins.archfixture.good.GoodFactory;

/** Violates RUNTIME_DOES_NOT_IMPORT_PLUGINS: the kernel naming a plugin class. */
public final class PluginImportingRuntime {

  public String load() {
    return new GoodFactory().name();
  }
}
