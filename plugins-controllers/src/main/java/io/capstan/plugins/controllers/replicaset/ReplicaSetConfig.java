package io.capstan.plugins.controllers.replicaset;

import io.capstan.spi.plugin.InvalidConfigException;

/**
 * {@code controllers.replicaset.*}.
 *
 * @param workers concurrent ReplicaSet syncs (kube-controller-manager's
 *     {@code --concurrent-replicaset-syncs}, 5); read by the controller manager
 * @param burstReplicas the most pods created or deleted in one sync (Kubernetes' {@code BurstReplicas}, 500)
 */
public record ReplicaSetConfig(Integer workers, Integer burstReplicas) {

  public static final int DEFAULT_WORKERS = 5;
  public static final int DEFAULT_BURST = 500;

  public ReplicaSetConfig {
    workers = workers == null ? DEFAULT_WORKERS : workers;
    burstReplicas = burstReplicas == null ? DEFAULT_BURST : burstReplicas;
    if (workers <= 0) {
      throw new InvalidConfigException("workers", "must be a positive number of workers, got " + workers);
    }
    if (burstReplicas <= 0) {
      throw new InvalidConfigException("burstReplicas", "must be a positive number of pods, got " + burstReplicas);
    }
  }

  public static ReplicaSetConfig defaults() {
    return new ReplicaSetConfig(null, null);
  }
}
