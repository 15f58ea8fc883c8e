package io.capstan.spi.proxy;

import java.util.Arrays;

/** A Service's {@code spec.type}. */
public enum ServiceType {
  CLUSTER_IP("ClusterIP"),
  NODE_PORT("NodePort"),
  LOAD_BALANCER("LoadBalancer"),
  /** A DNS alias only: never proxied, never in a {@link ProxyState}. */
  EXTERNAL_NAME("ExternalName");

  private final String kubernetesName;

  ServiceType(String kubernetesName) {
    this.kubernetesName = kubernetesName;
  }

  public String kubernetesName() {
    return kubernetesName;
  }

  /** The type of a {@code spec.type} value; absent (null) means ClusterIP, as in Kubernetes. */
  public static ServiceType fromKubernetes(String value) {
    if (value == null || value.isEmpty()) {
      return CLUSTER_IP;
    }
    return Arrays.stream(values()).filter(t -> t.kubernetesName.equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown Service type '" + value
            + "'; expected ClusterIP, NodePort, LoadBalancer or ExternalName"));
  }

  /** True when the Service is reachable on every node's {@code nodePort}. */
  public boolean hasNodePort() {
    return this == NODE_PORT || this == LOAD_BALANCER;
  }
}
