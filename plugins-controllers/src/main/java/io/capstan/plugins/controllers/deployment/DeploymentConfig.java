package io.capstan.plugins.controllers.deployment;

import io.capstan.spi.plugin.InvalidConfigException;

/**
 * {@code controllers.deployment.*}.
 *
 * @param workers concurrent Deployment syncs (kube-controller-manager's
 *     {@code --concurrent-deployment-syncs}, 5); read by the controller manager
 */
public record DeploymentConfig(Integer workers) {

  public static final int DEFAULT_WORKERS = 5;

  public DeploymentConfig {
    workers = workers == null ? DEFAULT_WORKERS : workers;
    if (workers <= 0) {
      throw new InvalidConfigException("workers", "must be a positive number of workers, got " + workers);
    }
  }

  public static DeploymentConfig defaults() {
    return new DeploymentConfig(null);
  }
}
