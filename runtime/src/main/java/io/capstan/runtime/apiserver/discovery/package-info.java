/**
 * What the API server says about its resources on the discovery endpoints: the {@code /version}
 * document ({@link io.capstan.runtime.apiserver.discovery.VersionInfo}), legacy and aggregated
 * discovery ({@link io.capstan.runtime.apiserver.discovery.DiscoveryDocuments}), and the
 * {@code Accept}-header negotiation Kubernetes uses to choose between representations
 * ({@link io.capstan.runtime.apiserver.discovery.JsonNegotiation}), which the table package reuses.
 * Everything here is a pure function of the {@code KindRegistry}; no HTTP.
 */
package io.capstan.runtime.apiserver.discovery;
