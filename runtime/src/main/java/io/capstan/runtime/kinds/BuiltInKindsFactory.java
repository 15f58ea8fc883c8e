package io.capstan.runtime.kinds;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.api.BuiltInKinds;
import io.capstan.spi.api.ResourceKindFactory;
import io.capstan.spi.api.ResourceKindProvider;
import io.capstan.spi.plugin.NoConfig;

/** The {@code builtin} kinds plugin: every Kubernetes kind the mission needs, from {@link BuiltInKinds}. */
public final class BuiltInKindsFactory implements ResourceKindFactory<NoConfig> {

  @Override
  public String name() {
    return "builtin";
  }

  @Override
  public String description() {
    return BuiltInKinds.all().size() + " Kubernetes kinds (core, apps, batch, networking, rbac, ...)";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(ResourceKindProvider.class).toInstance(BuiltInKinds.provider());
      }
    };
  }
}
