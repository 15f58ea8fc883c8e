package io.capstan.examples.scheduler.gpufit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.capstan.spi.plugin.InvalidConfigException;

/**
 * GpuFit's arguments, from the profile's {@code pluginConfig: [{name: GpuFit, args: {...}}]}.
 *
 * @param resourceName the extended resource that counts GPUs; default {@code nvidia.com/gpu}
 * @param reserveGpuNodes keep pods that ask for no GPU off nodes that have GPUs (so expensive
 *     nodes stay free for GPU work); default true
 */
@JsonIgnoreProperties({"apiVersion", "kind"})
public record GpuFitArgs(String resourceName, Boolean reserveGpuNodes) {

  public static final String DEFAULT_RESOURCE = "nvidia.com/gpu";

  public GpuFitArgs {
    resourceName = resourceName == null || resourceName.isBlank() ? DEFAULT_RESOURCE : resourceName;
    reserveGpuNodes = reserveGpuNodes == null || reserveGpuNodes;
    if (!resourceName.contains("/")) {
      throw new InvalidConfigException("resourceName", "'" + resourceName
          + "' is not an extended resource name; use a domain-prefixed name such as nvidia.com/gpu");
    }
  }
}
