package io.capstan.runtime.components;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.runtime.CapstanException;
import io.capstan.runtime.client.http.HttpApiClient;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import java.net.URI;
import java.util.Optional;

/**
 * The client of a process that runs no API server itself (a split topology: a scheduler or node
 * agents against a remote server): the current context of {@code client.kubeconfig} (HTTPS with the
 * cluster CA and a client certificate or token), else {@code client.server} with {@code client.token}.
 */
final class RemoteClientModule extends AbstractModule {

  @Provides
  @Singleton
  ApiClient apiClient(LayeredConfig config, KindRegistry kinds, KernelPlan plan) {
    String kubeconfig = config.string("client.kubeconfig");
    if (!kubeconfig.isBlank()) {
      java.nio.file.Path file = plan.resolvePath(kubeconfig);
      try {
        return HttpApiClient.fromKubeconfig(file, kinds);
      } catch (java.io.IOException e) {
        throw new CapstanException("client.kubeconfig: cannot use " + file + ": " + e.getMessage()
            + " (point it at the kubeconfig the API server wrote, DATA/kubeconfig)", e);
      }
    }
    String token = config.string("client.token");
    return new HttpApiClient(URI.create(config.string("client.server")), token.isBlank() ? Optional.empty() : Optional.of(token), kinds);
  }

  /** The process's shared informers over the remote client; started by the kernel, stopped on close. */
  @Provides
  @Singleton
  InformerFactory informers(ApiClient client, TaskExecutor executor, Clock clock) {
    return new ServerInformers(new DefaultInformerFactory(client, executor, clock));
  }
}
