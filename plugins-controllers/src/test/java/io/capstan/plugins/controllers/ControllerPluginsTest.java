package io.capstan.plugins.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Module;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.plugin.PluginConfigMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every controller factory of this module is registered for ServiceLoader under a unique name
 * equal to its controller's name, and builds its controller from default settings.
 */
class ControllerPluginsTest {

  private static final Set<String> MINE = Set.of("replicaset", "replicationcontroller", "deployment", "garbagecollector");

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void everyFactoryBuildsItsController() {
    List<ControllerFactory> factories = ServiceLoader.load(ControllerFactory.class).stream()
        .map(ServiceLoader.Provider::get).map(f -> (ControllerFactory) f).toList();
    Set<String> names = new HashSet<>();
    assertThat(factories).extracting(ControllerFactory::name)
        .contains("replicaset", "replicationcontroller", "deployment", "garbagecollector");
    for (ControllerFactory factory : factories) {
      assertThat(names.add(factory.name())).as("unique name %s", factory.name()).isTrue();
      if (!MINE.contains(factory.name())) {
        continue; // other controllers have tests of their own
      }
      Object config = PluginConfigMapper.create().convertValue(Map.of(), factory.configType());
      Module module = factory.module(config);
      Module host = binder -> binder.bind(io.capstan.spi.api.KindRegistry.class)
          .toInstance(io.capstan.spi.api.KindRegistry.builtIn());
      Controller controller = Guice.createInjector(host, module).getInstance(Controller.class);
      assertThat(controller.name()).isEqualTo(factory.name());
      assertThat(controller.defaultWorkers()).isPositive();
    }
  }
}
