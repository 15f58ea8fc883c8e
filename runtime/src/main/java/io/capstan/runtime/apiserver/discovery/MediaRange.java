package io.capstan.runtime.apiserver.discovery;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One clause of an HTTP {@code Accept} header, as Kubernetes' vendored {@code goautoneg} parses it:
 * {@code application/json;as=Table;v=v1;g=meta.k8s.io;q=0.9} has type {@code application}, subtype
 * {@code json}, parameters {@code as, v, g} and quality 0.9. Values are kept as written
 * (case-sensitive, trimmed), because Kubernetes compares them exactly. Immutable.
 *
 * @param type the main type, {@code *} for any
 * @param subType the subtype, {@code *} for any
 * @param params the parameters other than {@code q}, in header order
 * @param quality the {@code q} value, 1 when absent
 */
public record MediaRange(String type, String subType, Map<String, String> params, double quality) {

  public MediaRange {
    requireNonNull(type, "type");
    requireNonNull(subType, "subType");
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requireNonNull(params, "params")));
  }

  /**
   * True when a response of {@code mediaType/mediaSubType} satisfies this range: the same type and
   * subtype, the same type with subtype {@code *}, or {@code *}{@code /*}.
   */
  public boolean accepts(String mediaType, String mediaSubType) {
    return type.equals(mediaType) && (subType.equals(mediaSubType) || subType.equals("*"))
        || type.equals("*") && subType.equals("*");
  }

  /** The parameter's value, or null when absent. */
  public String param(String name) {
    return params.get(name);
  }
}
