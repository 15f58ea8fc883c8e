package io.capstan.runtime.kinds;

import io.capstan.spi.api.ResourceKindFactory;
import io.capstan.spi.api.ResourceKindProvider;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;

class BuiltInKindsPluginTest extends AbstractPluginTest<NoConfig> {

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new BuiltInKindsFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return ResourceKindFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(ResourceKindProvider.class);
  }
}
