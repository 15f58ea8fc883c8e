package io.capstan.plugins.controllers.endpointslice;

import io.capstan.spi.plugin.InvalidConfigException;

/**
 * Settings under {@code controllers.endpointslice.*}.
 *
 * @param maxEndpointsPerSlice the most endpoints one slice holds (kube-controller-manager's
 *     {@code --max-endpoints-per-slice}); default 100, at most 1000
 * @param workers reconcile workers; default the host's
 */
public record EndpointSliceConfig(Integer maxEndpointsPerSlice, Integer workers) {

  public EndpointSliceConfig {
    maxEndpointsPerSlice = maxEndpointsPerSlice == null ? 100 : maxEndpointsPerSlice;
    if (maxEndpointsPerSlice < 1 || maxEndpointsPerSlice > 1000) {
      throw new InvalidConfigException("maxEndpointsPerSlice", "must be 1 to 1000 (Kubernetes' limit), not "
          + maxEndpointsPerSlice);
    }
    if (workers != null && workers < 1) {
      throw new InvalidConfigException("workers", "must be at least 1, not " + workers);
    }
  }

  public static EndpointSliceConfig defaults() {
    return new EndpointSliceConfig(null, null);
  }
}
