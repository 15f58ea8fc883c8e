package io.capstan.runtime.testplugins;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;

/** Two plugins of one SPI sharing a name: discovery must refuse and name both classes. */
public final class DuplicateNames {

  private DuplicateNames() {}

  abstract static class Same implements TestFamilies.DuplicateFactory<NoConfig> {
    @Override
    public String name() {
      return "same";
    }

    @Override
    public Class<NoConfig> configType() {
      return NoConfig.class;
    }

    @Override
    public Module module(NoConfig config) {
      return new AbstractModule() {};
    }
  }

  public static final class First extends Same {}

  public static final class Second extends Same {}
}
