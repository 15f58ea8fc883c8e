package io.capstan.runtime.client.http;

import io.capstan.spi.api.KubeJson;
import io.capstan.spi.client.ApiException;
import io.fabric8.kubernetes.api.model.Status;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;

/** Sends one request and turns a non-2xx answer into the {@link ApiException} its Status names. */
final class HttpTransport {

  private static final long REQUEST_TIMEOUT_SECONDS = 60;
  /** A list of every pod of a large cluster is tens of megabytes; the cap only guards memory. */
  private static final int MAX_RESPONSE_BYTES = 1 << 30;

  private final HttpClient http;
  private final URI server;
  private final Optional<String> authorization;

  HttpTransport(HttpClient http, URI server, Optional<String> token) {
    this.http = http;
    this.server = server;
    this.authorization = token.map(t -> "Bearer " + t);
  }

  /** A request for {@code pathAndQuery} with the headers every call carries. */
  Request request(String pathAndQuery) {
    return http.newRequest(server.resolve(pathAndQuery)).headers(h -> {
      h.put(HttpHeader.ACCEPT, "application/json");
      h.put(HttpHeader.USER_AGENT, "capstan-http-client");
      authorization.ifPresent(a -> h.put(HttpHeader.AUTHORIZATION, a));
    });
  }

  /** Sends and returns the body of a 2xx answer. */
  byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
    Request request = request(pathAndQuery).method(method).timeout(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (body != null) {
      request.body(new BytesRequestContent(contentType, body));
    }
    ContentResponse response;
    try {
      response = new CompletableResponseListener(request, MAX_RESPONSE_BYTES).send().get();
    } catch (ExecutionException e) {
      throw transportFailure(e.getCause() instanceof TimeoutException ? new TimeoutException(method + " " + pathAndQuery
          + " got no answer within " + REQUEST_TIMEOUT_SECONDS + " s") : e.getCause());
    } catch (InterruptedException e) {
      request.abort(e);
      Thread.currentThread().interrupt();
      throw transportFailure(e);
    }
    if (response.getStatus() / 100 != 2) {
      throw failure(response.getStatus(), response.getContent());
    }
    return response.getContent();
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

  static ApiException transportFailure(Throwable e) {
    return new ApiException(io.capstan.runtime.apiserver.errors.ApiErrors.status(0, "ServiceUnavailable",
        "cannot reach the API server: " + e, null), e);
  }
}
