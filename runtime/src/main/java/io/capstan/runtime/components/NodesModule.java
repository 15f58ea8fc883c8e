package io.capstan.runtime.components;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.runtime.apiserver.resource.PodLogs;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.runtime.node.NodeHost;
import io.capstan.runtime.node.NodeSettings;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.node.ContainerRuntime;
import java.util.Optional;

/**
 * Wires the {@code node-agent} component: {@code node.count} nodes plus the {@code node.pools},
 * each with its own instance of the selected container runtime, all run by one {@link NodeHost}.
 * When the API server runs in the same process its {@code pods/log} reads from these nodes.
 */
public final class NodesModule extends AbstractModule {

  @Provides
  @Singleton
  NodeSettings settings(LayeredConfig config) {
    return NodeSettings.from(config);
  }

  @Provides
  @Singleton
  NodeHost host(ApiClient client, Clock clock, TaskExecutor executor, Provider<ContainerRuntime> runtimes,
      NodeSettings settings, Injector injector) {
    Optional<PodLogs> logs = injector.getExistingBinding(Key.get(ResourceApi.class)) == null
        ? Optional.empty() : Optional.of(injector.getInstance(ResourceApi.class).subresources().logs());
    return new NodeHost(client, clock, executor, runtimes::get, settings, NodeHost.identities(settings), logs);
  }
}
