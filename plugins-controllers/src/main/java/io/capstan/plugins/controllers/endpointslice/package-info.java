/**
 * The {@code endpointslice} controller: Kubernetes' EndpointSlice controller
 * ({@code discovery.k8s.io/v1}) — slices of at most {@code maxEndpointsPerSlice} endpoints per
 * Service, grouped by resolved ports, with ready/serving/terminating conditions.
 */
package io.capstan.plugins.controllers.endpointslice;
