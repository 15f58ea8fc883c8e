package io.capstan.plugins.controllers.servicelb;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the {@code service-lb} controller, bound from {@code controllers.service-lb.*}.
 *
 * @param pools the address pools, in order of preference: CIDRs ({@code 192.168.200.0/28}) or
 *     inclusive ranges ({@code 192.168.200.10-192.168.200.20}); default none: the controller is
 *     on by default ({@code controllers.enabled: ["*"]}) but assigns nothing until pools are set,
 *     recording an {@code AllocationFailed} event that says so on each LoadBalancer Service
 * @param loadBalancerClass the {@code spec.loadBalancerClass} this allocator serves; absent or
 *     {@code ""}: it
 *     serves the Services that name no class (the cluster's default load balancer), as MetalLB does
 *     without {@code --lb-class}
 * @param retryPeriod how often a Service waiting for an address (pool exhausted, requested address
 *     taken) is looked at again; default {@code 30s}
 */
public record ServiceLbConfig(List<String> pools, String loadBalancerClass, Duration retryPeriod) {

  public ServiceLbConfig {
    pools = pools == null ? List.of() : List.copyOf(pools);
    pools.forEach(AddressPool::parse);
    loadBalancerClass = loadBalancerClass == null ? "" : loadBalancerClass.strip();
    retryPeriod = retryPeriod == null ? Duration.ofSeconds(30) : retryPeriod;
    if (retryPeriod.isNegative() || retryPeriod.isZero()) {
      throw new IllegalArgumentException("controllers.service-lb.retryPeriod must be positive, got "
          + retryPeriod);
    }
  }

  /** The parsed pools. */
  public List<AddressPool> addressPools() {
    return pools.stream().map(AddressPool::parse).toList();
  }
}
