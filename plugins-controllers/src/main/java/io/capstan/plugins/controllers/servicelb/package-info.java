/**
 * The {@code service-lb} controller: MetalLB-style addresses for {@code type: LoadBalancer}
 * Services from configured pools, shown in {@code status.loadBalancer.ingress}.
 */
package io.capstan.plugins.controllers.servicelb;
