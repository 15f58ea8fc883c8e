package io.capstan.spi.ingress;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.proxy.EndpointInfo;
import java.util.List;

/**
 * A Service backend with its endpoints already resolved by the host (from the Service's port and
 * its EndpointSlices), so a controller routes without reading the API.
 *
 * @param namespace the Service's namespace (the Ingress's)
 * @param serviceName the Service's name
 * @param servicePort the Ingress's {@code port.name} or {@code port.number} as text
 * @param endpoints the usable endpoints (ready ones, see
 *     {@link io.capstan.spi.proxy.ProxyState#usableEndpoints}); empty means answer 503
 */
public record IngressBackend(String namespace, String serviceName, String servicePort,
    List<EndpointInfo> endpoints) {

  public IngressBackend {
    requireNonNull(namespace, "namespace");
    requireNonNull(serviceName, "serviceName");
    requireNonNull(servicePort, "servicePort");
    endpoints = List.copyOf(requireNonNull(endpoints, "endpoints"));
  }

  /** {@code namespace/service:port}, for logs and generated config names. */
  @Override
  public String toString() {
    return namespace + "/" + serviceName + ":" + servicePort;
  }
}
