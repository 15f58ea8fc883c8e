package io.capstan.runtime.client.http;

import io.capstan.spi.api.KubeJson;
import io.capstan.spi.client.ApiException;
import io.fabric8.kubernetes.api.model.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Sends one request and turns a non-2xx answer into the {@link ApiException} its Status names. */
final class HttpTransport {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final URI server;
  private final Optional<String> token;

  HttpTransport(HttpClient http, URI server, Optional<String> token) {
    this.http = http;
    this.server = server;
    this.token = token;
  }

  HttpClient http() {
    return http;
  }

  HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve(pathAndQuery)).header("Accept", "application/json")
        .header("User-Agent", "capstan-http-client");
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    return builder;
  }

  /** Sends and returns the body of a 2xx answer. */
  byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
    HttpRequest.Builder builder = request(pathAndQuery).timeout(REQUEST_TIMEOUT);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw transportFailure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw transportFailure(e);
    }
    if (response.statusCode() / 100 != 2) {
      throw failure(response.statusCode(), response.body());
    }
    return response.body();
  }

  static ApiException failure(int code, byte[] body) {
    try {
      Status status = KubeJson.mapper().readValue(body, Status.class);
      if (status.getCode() == null) {
        status.setCode(code);
      }
      return ApiException.fromStatus(status);
    } catch (IOException notAStatus) {
      return new ApiException(io.capstan.runtime.apiserver.errors.ApiErrors.status(code, "Unknown",
          "the server answered " + code + ": " + new String(body, java.nio.charset.StandardCharsets.UTF_8), null));
    }
  }

  private static ApiException transportFailure(Exception e) {
    return new ApiException(io.capstan.runtime.apiserver.errors.ApiErrors.status(0, "ServiceUnavailable",
        "cannot reach the API server: " + e, null), e);
  }
}
