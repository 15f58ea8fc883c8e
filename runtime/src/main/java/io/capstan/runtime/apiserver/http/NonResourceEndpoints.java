package io.capstan.runtime.apiserver.http;

import java.util.Optional;

/**
 * Answers paths that are not resources: {@code /version}, discovery ({@code /api}, {@code /apis},
 * {@code /api/v1}, {@code /apis/apps/v1}), OpenAPI. The discovery package provides it.
 */
@FunctionalInterface
public interface NonResourceEndpoints {

  NonResourceEndpoints NONE = (path, query, accept) -> Optional.empty();

  /** The reply for a GET of {@code path}, or empty when the path is not one of these. */
  Optional<Reply> get(String path, String query, String accept);

  /** A whole reply: status code, content type and body. */
  record Reply(int code, String contentType, byte[] body) {}
}
