package io.capstan.runtime.components;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.runtime.controllers.ControllerManager;
import io.capstan.runtime.controllers.ControllerManagerSettings;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.controller.Controller;
import java.util.ArrayList;
import java.util.Map;

/**
 * The controller-manager component: the enabled controller plugins ({@code controllers.enabled}),
 * run by one {@link ControllerManager} over its own informers, with leader election through a
 * Lease unless {@code controllers.leaderElection.enabled} is false.
 */
public final class ControllerManagerModule extends AbstractModule {

  @Provides
  @Singleton
  ControllerManager controllerManager(Map<String, Controller> controllers, ApiClient client, Clock clock,
      TaskExecutor executor, LayeredConfig config) {
    ControllerManagerSettings settings = ControllerManagerSettings.from(config, controllers.keySet());
    return new ControllerManager(new ArrayList<>(controllers.values()), client,
        new DefaultInformerFactory(client, executor, clock), true, clock, executor, settings);
  }
}
