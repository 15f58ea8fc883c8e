package io.capstan.runtime.client.inprocess;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ListQuery;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.storage.StoredList;
import io.capstan.runtime.apiserver.watch.WatchEventOut;
import io.capstan.runtime.apiserver.watch.WatchSink;
import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.client.ObjectList;
import io.capstan.spi.client.PatchType;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.client.Watch;
import io.capstan.spi.client.WatchEventType;
import io.capstan.spi.client.WatchHandler;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** One kind through {@link InProcessApiClient}. */
final class InProcessResourceClient<T extends HasMetadata> implements ResourceClient<T> {

  private final ResourceApi api;
  private final ResourceKind kind;
  private final Class<T> type;
  private final UserInfo user;
  private final TaskExecutor executor;
  private final Optional<ApiExtensions.PatchApplier> patches;

  InProcessResourceClient(ResourceApi api, ResourceKind kind, Class<T> type, UserInfo user, TaskExecutor executor,
      Optional<ApiExtensions.PatchApplier> patches) {
    this.api = api;
    this.kind = kind;
    this.type = type;
    this.user = user;
    this.executor = executor;
    this.patches = patches;
  }

  private ApiRequest request(String namespace, String name) {
    return ApiRequest.of(kind, kind.namespaced() ? namespace : "", name, user).withFieldManager("capstan-in-process");
  }

  private static String namespaceOf(HasMetadata object) {
    String ns = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
    return ns == null ? "" : ns;
  }

  @Override
  public Optional<T> get(String namespace, String name) {
    try {
      return Optional.of(type.cast(api.reads().get(request(namespace, name), "")));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public ObjectList<T> list(ListOptions options) {
    ListQuery query = new ListQuery(options.labelSelector(), options.fieldSelector(), options.resourceVersion(), "",
        options.limit(), options.continueToken(), false, 0);
    StoredList page = api.reads().list(request(options.namespace(), ""), query);
    // A list at a given version may come from the watch cache, whose objects are shared: copy those.
    boolean shared = !options.resourceVersion().isEmpty();
    List<T> items = new ArrayList<>(page.items().size());
    for (HasMetadata item : page.items()) {
      items.add(type.cast(shared ? DeepCopy.of(item) : item));
    }
    return new ObjectList<>(items, Long.toString(page.revision()), page.continueToken());
  }

  @Override
  public T create(T object) {
    return type.cast(api.writes().create(request(namespaceOf(object), ""), Copies.of(object)));
  }

  /** No defensive copy: the caller hands the object over (the server fills in its metadata). */
  @Override
  public void createHandedOver(T object) {
    api.writes().create(request(namespaceOf(object), ""), object);
  }

  @Override
  public T update(T object) {
    return type.cast(api.writes().update(request(namespaceOf(object), object.getMetadata().getName()), Copies.of(object)));
  }

  @Override
  public T updateStatus(T object) {
    ApiRequest request = request(namespaceOf(object), object.getMetadata().getName()).withSubresource("status");
    return type.cast(api.writes().updateStatus(request, Copies.of(object)));
  }

  @Override
  public T patch(String namespace, String name, PatchType patchType, String body) {
    ApiExtensions.PatchApplier applier = patches.orElseThrow(() -> ApiErrors.unsupportedMediaType("patches are not available"));
    ApiRequest request = request(namespace, name);
    ApiExtensions.PatchContext context = new ApiExtensions.PatchContext("capstan-in-process", false, api.strategy().now());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return type.cast(api.writes().modify(request, false, current -> {
      JsonNode patched = applier.apply(patchType.contentType(), kind, Optional.of(KubeJson.mapper().valueToTree(current)), bytes, context);
      return KubeJson.mapper().convertValue(patched, kind.javaType());
    }));
  }

  @Override
  public void delete(String namespace, String name, DeleteOptions options) {
    api.deleter().delete(request(namespace, name), options);
  }

  @Override
  public void createSubresource(String namespace, String name, String subresource, HasMetadata body) {
    ApiRequest request = request(namespace, name).withSubresource(subresource);
    switch (subresource) {
      case "binding" -> api.subresources().bind(request, body instanceof io.fabric8.kubernetes.api.model.Binding b ? b
          : KubeJson.mapper().convertValue(body, io.fabric8.kubernetes.api.model.Binding.class)); // only read there
      case "eviction" -> api.subresources().evict(request, evictionOptions(KubeJson.mapper().valueToTree(body).path("deleteOptions")));
      default -> throw ApiErrors.methodNotAllowed("the server does not allow this method on the requested resource");
    }
  }

  private static DeleteOptions evictionOptions(JsonNode tree) {
    java.util.OptionalLong grace = tree.hasNonNull("gracePeriodSeconds")
        ? java.util.OptionalLong.of(Math.max(0, tree.get("gracePeriodSeconds").asLong())) : java.util.OptionalLong.empty();
    JsonNode pre = tree.path("preconditions");
    return new DeleteOptions(Optional.empty(), grace,
        pre.hasNonNull("uid") ? Optional.of(pre.get("uid").asText()) : Optional.empty(),
        pre.hasNonNull("resourceVersion") ? Optional.of(pre.get("resourceVersion").asText()) : Optional.empty(), false);
  }

  @Override
  public Watch watch(ListOptions options, WatchHandler<T> handler) {
    ListQuery query = new ListQuery(options.labelSelector(), options.fieldSelector(), options.resourceVersion(), "", 0, "",
        options.allowWatchBookmarks(), 0);
    SerialDispatcher dispatcher = new SerialDispatcher(executor);
    AtomicBoolean closed = new AtomicBoolean();
    WatchSink sink = new WatchSink() {
      @Override
      public boolean offer(WatchEventOut event) {
        if (closed.get()) {
          return false;
        }
        if (event.object() instanceof HasMetadata object && type.isInstance(object)) {
          WatchEventType eventType = WatchEventType.valueOf(event.type().name());
          dispatcher.submit(() -> handler.onEvent(eventType, type.cast(object)));
        }
        return true;
      }

      @Override
      public void end() {
        if (closed.compareAndSet(false, true)) {
          dispatcher.submit(() -> handler.onClose(Optional.empty()));
        }
      }
    };
    AutoCloseable registration = api.reads().watch(request(options.namespace(), ""), query, sink);
    return () -> {
      try {
        registration.close();
      } catch (Exception e) {
        // closing a finished watch: nothing to report
      }
      sink.end();
    };
  }
}
