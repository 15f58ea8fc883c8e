/**
 * The {@code nodelifecycle} controller: node heartbeats (Leases) to Ready/Unknown conditions,
 * unreachable/not-ready taints and rate-limited, toleration-aware pod eviction.
 */
package io.capstan.plugins.controllers.nodelifecycle;
