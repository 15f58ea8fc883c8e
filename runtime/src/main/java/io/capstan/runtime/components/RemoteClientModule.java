package io.capstan.runtime.components;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.capstan.runtime.client.http.HttpApiClient;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.client.ApiClient;
import java.net.URI;
import java.util.Optional;

/**
 * The client of a process that runs no API server itself (a split topology: a scheduler or node
 * agents against a remote server): HTTP to {@code client.server} with {@code client.token}.
 */
final class RemoteClientModule extends AbstractModule {

  @Provides
  @Singleton
  ApiClient apiClient(LayeredConfig config, KindRegistry kinds) {
    String token = config.string("client.token");
    return new HttpApiClient(URI.create(config.string("client.server")), token.isBlank() ? Optional.empty() : Optional.of(token), kinds);
  }
}
