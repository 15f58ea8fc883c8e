package io.capstan.runtime.client.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.Watch;
import io.capstan.spi.client.WatchEventType;
import io.capstan.spi.client.WatchHandler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch stream read line by line as it arrives, on the HTTP client's executor: each
 * newline-delimited event goes to the handler in order; an ERROR event carrying a Status closes
 * the watch with that Status' exception (410 Gone tells the caller to list again).
 */
final class HttpWatch implements Flow.Subscriber<String>, Watch {

  private static final Logger log = LoggerFactory.getLogger(HttpWatch.class);

  private final Class<? extends HasMetadata> type;
  private final WatchHandler<HasMetadata> handler;
  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  @SuppressWarnings("unchecked")
  private HttpWatch(Class<? extends HasMetadata> type, WatchHandler<?> handler) {
    this.type = type;
    this.handler = (WatchHandler<HasMetadata>) handler;
  }

  /**
   * Opens the stream and returns once the server answered with headers, as the SPI promises; the
   * body is then read as it arrives. A non-2xx answer throws its Status' exception.
   */
  static <T extends HasMetadata> Watch start(HttpTransport transport, String pathAndQuery, Class<T> type, WatchHandler<T> handler) {
    HttpWatch watch = new HttpWatch(type, handler);
    CompletableFuture<Integer> headers = new CompletableFuture<>();
    CompletableFuture<byte[]> errorBody = new CompletableFuture<>();
    HttpResponse.BodyHandler<Void> bodyHandler = info -> {
      headers.complete(info.statusCode());
      if (info.statusCode() / 100 == 2) {
        return HttpResponse.BodySubscribers.fromLineSubscriber(watch);
      }
      return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), bytes -> {
        errorBody.complete(bytes);
        return null;
      });
    };
    transport.http().sendAsync(transport.request(pathAndQuery).GET().build(), bodyHandler).whenComplete((response, failure) -> {
      if (failure != null) {
        headers.completeExceptionally(failure);
        watch.onError(failure);
      }
    });
    int code;
    try {
      code = headers.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watch.close();
      throw new ApiException(io.capstan.runtime.apiserver.errors.ApiErrors.status(0, "ServiceUnavailable", "interrupted", null), e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new ApiException(io.capstan.runtime.apiserver.errors.ApiErrors.status(0, "ServiceUnavailable",
          "cannot reach the API server: " + e.getCause(), null), e.getCause());
    }
    if (code / 100 != 2) {
      throw HttpTransport.failure(code, errorBody.join());
    }
    return watch;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription.set(s);
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(String line) {
    if (line.isBlank() || closed.get()) {
      return;
    }
    try {
      Event event = read(line);
      if (event.type().equals("ERROR")) {
        finish(Optional.of(ApiException.fromStatus((Status) event.object())));
        return;
      }
      handler.onEvent(WatchEventType.valueOf(event.type()), (HasMetadata) event.object());
    } catch (RuntimeException | java.io.IOException e) {
      log.warn("watch event could not be handled; the watch goes on: {}", e.toString());
    }
  }

  private record Event(String type, Object object) {}

  /**
   * Decodes one event line. Servers write {@code type} before {@code object} (Kubernetes and
   * Capstan do): the object is then bound straight from the stream; in the other order the line is
   * read as a tree first.
   */
  private Event read(String line) throws java.io.IOException {
    try (JsonParser parser = KubeJson.mapper().createParser(line)) {
      if (parser.nextToken() == JsonToken.START_OBJECT && "type".equals(parser.nextFieldName())
          && parser.nextToken() == JsonToken.VALUE_STRING) {
        String eventType = parser.getText();
        if ("object".equals(parser.nextFieldName()) && parser.nextToken() == JsonToken.START_OBJECT) {
          return new Event(eventType, KubeJson.mapper().readValue(parser, classFor(eventType)));
        }
      }
    }
    JsonNode event = KubeJson.mapper().readTree(line);
    String eventType = event.path("type").asText();
    return new Event(eventType, KubeJson.mapper().convertValue(event.path("object"), classFor(eventType)));
  }

  private Class<?> classFor(String eventType) {
    return eventType.equals("ERROR") ? Status.class : type;
  }

  @Override
  public void onError(Throwable throwable) {
    finish(closed.get() ? Optional.empty() : Optional.of(new ApiException(io.capstan.runtime.apiserver.errors.ApiErrors.status(0,
        "ServiceUnavailable", "watch stream failed: " + throwable, null))));
  }

  @Override
  public void onComplete() {
    finish(Optional.empty());
  }

  private void finish(Optional<ApiException> cause) {
    if (closed.compareAndSet(false, true)) {
      Flow.Subscription s = subscription.get();
      if (s != null) {
        s.cancel();
      }
      handler.onClose(cause);
    }
  }

  @Override
  public void close() {
    finish(Optional.empty());
  }
}
