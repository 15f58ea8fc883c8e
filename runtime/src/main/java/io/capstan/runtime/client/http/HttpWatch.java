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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch stream read line by line as it arrives, on the HTTP client's threads: each
 * newline-delimited event goes to the handler in order; an ERROR event carrying a Status closes
 * the watch with that Status' exception (410 Gone tells the caller to list again). Closing the
 * watch aborts its request, which closes the connection, so the server stops streaming.
 */
final class HttpWatch implements Response.Listener, Watch {

  private static final Logger log = LoggerFactory.getLogger(HttpWatch.class);

  private final Class<? extends HasMetadata> type;
  private final WatchHandler<HasMetadata> handler;
  private final Request request;
  private final CompletableFuture<Integer> headers = new CompletableFuture<>();
  private final LineBuffer lines = new LineBuffer();
  private final AtomicBoolean closed = new AtomicBoolean();
  private boolean streaming; // set once, on the client thread that reads the response

  @SuppressWarnings("unchecked")
  private HttpWatch(Class<? extends HasMetadata> type, WatchHandler<?> handler, Request request) {
    this.type = type;
    this.handler = (WatchHandler<HasMetadata>) handler;
    this.request = request;
  }

  /**
   * Opens the stream and returns once the server answered with headers, as the SPI promises; the
   * body is then read as it arrives. A non-2xx answer throws its Status' exception.
   */
  static <T extends HasMetadata> Watch start(HttpTransport transport, String pathAndQuery, Class<T> type, WatchHandler<T> handler) {
    HttpWatch watch = new HttpWatch(type, handler, transport.request(pathAndQuery).method("GET"));
    watch.request.send(watch);
    int code;
    try {
      code = watch.headers.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watch.close();
      throw HttpTransport.transportFailure(e);
    } catch (ExecutionException e) {
      throw HttpTransport.transportFailure(e.getCause());
    }
    if (code / 100 != 2) {
      throw HttpTransport.failure(code, watch.lines.remaining());
    }
    return watch;
  }

  @Override
  public void onHeaders(Response response) {
    streaming = response.getStatus() / 100 == 2;
    if (streaming) {
      headers.complete(response.getStatus());
    }
  }

  @Override
  public void onContent(Response response, ByteBuffer content) {
    lines.append(content);
    if (!streaming) {
      return; // an error's Status body, read whole at the end
    }
    for (byte[] line = lines.next(); line != null && !closed.get(); line = lines.next()) {
      onLine(line);
    }
  }

  @Override
  public void onComplete(Result result) {
    if (!streaming) {
      if (result.getResponse() != null && result.getResponse().getStatus() != 0 && result.getResponseFailure() == null) {
        headers.complete(result.getResponse().getStatus());
      } else {
        headers.completeExceptionally(result.getFailure() != null ? result.getFailure() : new IOException("no answer"));
      }
      return;
    }
    Throwable failure = result.getFailure();
    finish(failure == null || closed.get() ? Optional.empty() : Optional.of(new ApiException(
        io.capstan.runtime.apiserver.errors.ApiErrors.status(0, "ServiceUnavailable", "watch stream failed: " + failure, null))));
  }

  private void onLine(byte[] line) {
    try {
      Event event = read(line);
      if (event == null) {
        return;
      }
      if (event.type().equals("ERROR")) {
        finish(Optional.of(ApiException.fromStatus((Status) event.object())));
        return;
      }
      handler.onEvent(WatchEventType.valueOf(event.type()), (HasMetadata) event.object());
    } catch (RuntimeException | IOException e) {
      log.warn("watch event could not be handled; the watch goes on: {}", e.toString());
    }
  }

  private record Event(String type, Object object) {}

  /**
   * Decodes one event line; null for a blank one. Servers write {@code type} before {@code object}
   * (Kubernetes and Capstan do): the object is then bound straight from the stream; in the other
   * order the line is read as a tree first.
   */
  private Event read(byte[] line) throws IOException {
    try (JsonParser parser = KubeJson.mapper().createParser(line)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      if (first == JsonToken.START_OBJECT && "type".equals(parser.nextFieldName())
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

  private void finish(Optional<ApiException> cause) {
    if (closed.compareAndSet(false, true)) {
      request.abort(new CancellationException("watch closed"));
      handler.onClose(cause);
    }
  }

  @Override
  public void close() {
    finish(Optional.empty());
  }
}
