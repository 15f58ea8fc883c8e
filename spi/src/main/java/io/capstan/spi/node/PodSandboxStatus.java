package io.capstan.spi.node;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A pod sandbox as the runtime sees it now: the CRI's {@code PodSandboxStatus}.
 *
 * @param id the runtime's opaque sandbox id
 * @param config what it was created with (pod uid, namespace, name, attempt, labels)
 * @param state READY or NOTREADY
 * @param createdAt when it was created
 * @param ip the pod IP the runtime assigned, {@code ""} when it has none (host network, stopped)
 */
public record PodSandboxStatus(String id, PodSandboxConfig config, PodSandboxState state,
    Instant createdAt, String ip) {

  public PodSandboxStatus {
    requireNonNull(id, "id");
    requireNonNull(config, "config");
    requireNonNull(state, "state");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(ip, "ip");
  }
}
