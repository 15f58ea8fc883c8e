package io.capstan.runtime.client.inprocess;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API client of components in the API server's own JVM: the same request path as HTTP
 * (admission, validation, optimistic concurrency) without sockets or JSON; watches are served
 * from the watch cache and their events dispatched on the shared executor.
 */
public final class InProcessApiClient implements ApiClient {

  private final ResourceApi api;
  private final UserInfo user;
  private final TaskExecutor executor;
  private final Optional<ApiExtensions.PatchApplier> patches;
  private final Map<Class<?>, ResourceClient<?>> clients = new ConcurrentHashMap<>();
  private final Map<ResourceKind, ResourceClient<? extends HasMetadata>> byKind = new ConcurrentHashMap<>();

  public InProcessApiClient(ResourceApi api, UserInfo user, TaskExecutor executor, Optional<ApiExtensions.PatchApplier> patches) {
    this.api = requireNonNull(api, "api");
    this.user = requireNonNull(user, "user");
    this.executor = requireNonNull(executor, "executor");
    this.patches = requireNonNull(patches, "patches");
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> ResourceClient<T> resources(Class<T> type) {
    return (ResourceClient<T>) clients.computeIfAbsent(type, t -> {
      ResourceKind kind = api.kinds().forClass(type)
          .orElseThrow(() -> new IllegalArgumentException("no kind is registered for " + type.getName()));
      return new InProcessResourceClient<>(api, kind, type, user, executor, patches);
    });
  }

  /** A client for exactly this kind, even when its class holds several kinds (custom kinds). */
  @Override
  public ResourceClient<? extends HasMetadata> resources(ResourceKind kind) {
    requireNonNull(kind, "kind");
    return byKind.computeIfAbsent(kind, k -> new InProcessResourceClient<>(api, kind, kind.javaType(), user, executor, patches));
  }
}
