package io.capstan.runtime.client.http;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ResourceClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API client of a component in another process: Kubernetes REST over HTTP with JSON bodies,
 * or HTTPS (CA trust, client certificate) against a server URL and an optional bearer token (from a
 * kubeconfig or flags), through Jetty's HTTP client (see {@link JettyClients}). Watches read
 * their streams asynchronously on the HTTP client's own threads; no thread is held per watch.
 */
public final class HttpApiClient implements ApiClient {

  private final HttpTransport transport;
  private final KindRegistry kinds;
  private final Map<Class<?>, ResourceClient<?>> clients = new ConcurrentHashMap<>();
  private final Map<ResourceKind, ResourceClient<? extends HasMetadata>> byKind = new ConcurrentHashMap<>();

  public HttpApiClient(URI server, Optional<String> bearerToken, KindRegistry kinds) {
    this(ClientConnection.of(server, bearerToken), kinds);
  }

  /** A client over {@code connection}: HTTPS with its CA trust and client certificate, and/or a bearer token. */
  public HttpApiClient(ClientConnection connection, KindRegistry kinds) {
    this(new HttpTransport(JettyClients.start(connection), connection.server(), connection.bearerToken()), kinds);
  }

  /** A client configured by a kubeconfig's current context. */
  public static HttpApiClient fromKubeconfig(java.nio.file.Path kubeconfig, KindRegistry kinds) throws java.io.IOException {
    return new HttpApiClient(KubeconfigFile.read(kubeconfig), kinds);
  }


  HttpApiClient(HttpTransport transport, KindRegistry kinds) {
    this.transport = requireNonNull(transport, "transport");
    this.kinds = requireNonNull(kinds, "kinds");
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> ResourceClient<T> resources(Class<T> type) {
    return (ResourceClient<T>) clients.computeIfAbsent(type, t -> {
      ResourceKind kind = kinds.forClass(type).orElseThrow(() -> new IllegalArgumentException("no kind is registered for " + type.getName()));
      return new HttpResourceClient<>(transport, kind, type);
    });
  }

  /** A client for exactly this kind, even when its class holds several kinds (custom kinds). */
  @Override
  public ResourceClient<? extends HasMetadata> resources(ResourceKind kind) {
    requireNonNull(kind, "kind");
    return byKind.computeIfAbsent(kind, k -> new HttpResourceClient<>(transport, kind, kind.javaType()));
  }
}
