package io.capstan.spi.ingress;

import java.util.Arrays;

/** An Ingress path's {@code pathType}. */
public enum PathType {
  /** The request path equals the rule's path, case-sensitively. */
  EXACT("Exact"),
  /** The rule's path, split by {@code /}, is an element-wise prefix of the request path. */
  PREFIX("Prefix"),
  /**
   * Up to the controller. {@link IngressPath#matches(String)} treats it as {@link #PREFIX}, which
   * is what Capstan's {@code builtin} controller does; other controllers may differ and say so.
   */
  IMPLEMENTATION_SPECIFIC("ImplementationSpecific");

  private final String kubernetesName;

  PathType(String kubernetesName) {
    this.kubernetesName = kubernetesName;
  }

  public String kubernetesName() {
    return kubernetesName;
  }

  /** The type of a {@code pathType} value. */
  public static PathType fromKubernetes(String value) {
    return Arrays.stream(values()).filter(t -> t.kubernetesName.equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown pathType '" + value
            + "'; expected Exact, Prefix or ImplementationSpecific"));
  }
}
