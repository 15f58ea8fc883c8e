/**
 * The {@code endpointslicemirroring} controller: Kubernetes' EndpointSliceMirroring controller —
 * the Endpoints object a user writes for a Service without a selector, mirrored into EndpointSlices
 * ({@code discovery.k8s.io/v1}).
 */
package io.capstan.plugins.controllers.endpointslicemirroring;
