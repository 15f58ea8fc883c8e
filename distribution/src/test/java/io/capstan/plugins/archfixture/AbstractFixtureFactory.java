package io.capstan.plugins.archfixture;

import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;

/** Shared body of the fixture factories; abstract, so no plugin rule applies to it. */
public abstract class AbstractFixtureFactory implements FixtureFactory {

  @Override
  public String name() {
    return getClass().getSimpleName();
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return binder -> {};
  }
}
