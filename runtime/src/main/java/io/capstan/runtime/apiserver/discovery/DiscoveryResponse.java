package io.capstan.runtime.apiserver.discovery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A discovery answer: the body and the {@code Content-Type} to send it with. Write the body with
 * {@code KubeJson.mapper()}; for {@code /api} and {@code /apis} also send {@code Vary: Accept},
 * because the same URL answers two different documents. The body is the caller's own copy.
 *
 * @param contentType the {@code Content-Type} header value
 * @param body the JSON document
 */
public record DiscoveryResponse(String contentType, JsonNode body) {

  public DiscoveryResponse {
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
  }
}
