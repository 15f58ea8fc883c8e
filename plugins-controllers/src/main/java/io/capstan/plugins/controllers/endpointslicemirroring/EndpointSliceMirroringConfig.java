package io.capstan.plugins.controllers.endpointslicemirroring;

import io.capstan.spi.plugin.InvalidConfigException;

/**
 * Settings under {@code controllers.endpointslicemirroring.*}.
 *
 * @param maxEndpointsPerSubset the most addresses mirrored from one Endpoints subset, and the most
 *     endpoints one mirrored slice holds (kube-controller-manager's
 *     {@code --mirroring-max-endpoints-per-subset}); default 1000, at most 1000
 * @param workers reconcile workers; default the host's
 */
public record EndpointSliceMirroringConfig(Integer maxEndpointsPerSubset, Integer workers) {

  public EndpointSliceMirroringConfig {
    maxEndpointsPerSubset = maxEndpointsPerSubset == null ? 1000 : maxEndpointsPerSubset;
    if (maxEndpointsPerSubset < 1 || maxEndpointsPerSubset > 1000) {
      throw new InvalidConfigException("maxEndpointsPerSubset", "must be 1 to 1000 (Kubernetes' limit), not "
          + maxEndpointsPerSubset);
    }
    if (workers != null && workers < 1) {
      throw new InvalidConfigException("workers", "must be at least 1, not " + workers);
    }
  }

  public static EndpointSliceMirroringConfig defaults() {
    return new EndpointSliceMirroringConfig(null, null);
  }
}
