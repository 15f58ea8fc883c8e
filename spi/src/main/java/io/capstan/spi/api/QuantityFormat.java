package io.capstan.spi.api;

/**
 * The three ways Kubernetes writes a quantity; a parsed quantity remembers its family and is
 * written back in the same family (Kubernetes' {@code resource.Format}).
 */
public enum QuantityFormat {
  /** Powers of ten with SI suffixes: {@code 500m}, {@code 2k}, {@code 1G}. */
  DECIMAL_SI("DecimalSI"),
  /** Powers of two with IEC suffixes: {@code 512Ki}, {@code 1536Mi}. */
  BINARY_SI("BinarySI"),
  /** Scientific notation: {@code 2e3}, {@code 1e-3}. */
  DECIMAL_EXPONENT("DecimalExponent");

  private final String kubernetesName;

  QuantityFormat(String kubernetesName) {
    this.kubernetesName = kubernetesName;
  }

  /** The name Kubernetes uses for this format ({@code DecimalSI}, {@code BinarySI}, ...). */
  public String kubernetesName() {
    return kubernetesName;
  }
}
