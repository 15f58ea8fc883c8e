package io.capstan.runtime.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ListQuery;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.watch.WatchEventOut;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code ?watch=true}: a 200 response streaming events until {@code timeoutSeconds}, the client
 * leaving, or the watch cache ending it. A version too old for the cache's window is answered, as
 * Kubernetes does, with one ERROR event holding a 410 Expired Status, so informers list again.
 */
final class WatchEndpoint {

  private final ResourceApi api;
  private final ApiExtensions extensions;
  private final TaskExecutor executor;
  private final Duration defaultTimeout;

  WatchEndpoint(ResourceApi api, ApiExtensions extensions, TaskExecutor executor, Duration defaultTimeout) {
    this.api = api;
    this.extensions = extensions;
    this.executor = executor;
    this.defaultTimeout = defaultTimeout;
  }

  void watch(ApiRequest scope, ListQuery query, String accept, Response response, Callback callback) {
    boolean table = MediaTypes.wantsTable(accept) && extensions.tables().isPresent();
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, table ? MediaTypes.TABLE : MediaTypes.JSON);
    WatchStream stream = new WatchStream(response, callback, encoder(scope, table));
    AtomicReference<AutoCloseable> registration = new AtomicReference<>();
    Duration timeout = query.timeoutSeconds() > 0 ? Duration.ofSeconds(query.timeoutSeconds())
        : defaultTimeout.plusSeconds(ThreadLocalRandom.current().nextLong(defaultTimeout.toSeconds() + 1));
    Cancellable timer = executor.schedule(timeout, stream::end);
    stream.onEnd(() -> {
      timer.cancel();
      AutoCloseable handle = registration.getAndSet(null);
      if (handle != null) {
        try {
          handle.close();
        } catch (Exception ignored) {
          // closing a finished watch cannot fail in a way the client would care about
        }
      }
    });
    try {
      registration.set(api.reads().watch(scope, query, stream));
      stream.commitHeaders();
    } catch (ApiException e) {
      byte[] status = encode(e.status());
      stream.offer(new WatchEventOut(WatchEventOut.Type.ERROR, e.status(), 0, () -> status));
      stream.end();
    }
  }

  private Function<WatchEventOut, byte[]> encoder(ApiRequest scope, boolean table) {
    return event -> {
      if (table && event.object() instanceof HasMetadata object && event.type() != WatchEventOut.Type.BOOKMARK) {
        JsonNode rendered = extensions.tables().orElseThrow().render(scope.kind(), List.of(object),
            object.getMetadata().getResourceVersion(), "", api.strategy().now());
        return WatchEventOut.jsonLine(event.type(), encode(rendered));
      }
      return event.jsonLine();
    };
  }

  private static byte[] encode(Object value) {
    try {
      return KubeJson.mapper().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
