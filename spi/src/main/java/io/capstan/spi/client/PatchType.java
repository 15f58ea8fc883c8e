package io.capstan.spi.client;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Optional;

/** The patch formats of the Kubernetes API, identified over HTTP by their content type. */
public enum PatchType {
  /** RFC 6902 JSON Patch: a list of operations ({@code [{"op":"replace","path":...}]}). */
  JSON("application/json-patch+json"),
  /** RFC 7386 JSON Merge Patch: a partial object; {@code null} deletes a field; lists are replaced. */
  MERGE("application/merge-patch+json"),
  /**
   * Kubernetes strategic merge patch: like MERGE, but lists with a merge key (containers by name,
   * for instance) are merged element by element. Only defined for built-in kinds; custom kinds
   * answer 415 as in Kubernetes.
   */
  STRATEGIC("application/strategic-merge-patch+json"),

  /**
   * Server-side apply: the body is the caller's whole intent for the fields it manages (YAML or
   * JSON); the server merges it, records field ownership, and creates the object when absent.
   */
  APPLY("application/apply-patch+yaml");

  private final String contentType;

  PatchType(String contentType) {
    this.contentType = contentType;
  }

  /** The HTTP {@code Content-Type} of a request carrying this kind of patch. */
  public String contentType() {
    return contentType;
  }

  /**
   * The patch type of an HTTP content type, ignoring parameters ({@code ; charset=utf-8}) and case,
   * or empty when the API does not accept that content type for PATCH (the server answers 415).
   */
  public static Optional<PatchType> fromContentType(String contentType) {
    requireNonNull(contentType, "contentType");
    int semicolon = contentType.indexOf(';');
    String bare = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return Arrays.stream(values()).filter(t -> t.contentType.equalsIgnoreCase(bare)).findFirst();
  }
}
