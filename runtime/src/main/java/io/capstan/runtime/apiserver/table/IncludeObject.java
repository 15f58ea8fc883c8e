package io.capstan.runtime.apiserver.table;

import java.util.Locale;

/**
 * What each table row carries as its {@code object}, from the {@code includeObject} query
 * parameter ({@code metav1.IncludeObjectPolicy}); kubectl sends none, which means
 * {@link #METADATA}.
 */
public enum IncludeObject {

  /** No object. */
  NONE,
  /** A {@code PartialObjectMetadata} with the object's metadata: Kubernetes' default. */
  METADATA,
  /** The whole object. */
  OBJECT;

  /**
   * The policy named by the query parameter ({@code None}, {@code Metadata}, {@code Object}, any
   * case); null or empty is {@link #METADATA}.
   *
   * @throws IllegalArgumentException for another value, to be answered with 400 BadRequest
   */
  public static IncludeObject parse(String value) {
    if (value == null || value.isEmpty()) {
      return METADATA;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "none" -> NONE;
      case "metadata" -> METADATA;
      case "object" -> OBJECT;
      default -> throw new IllegalArgumentException("includeObject: unsupported value '" + value
          + "'; use None, Metadata or Object");
    };
  }
}
