package io.capstan.plugins.controllers.nodelifecycle;

import io.capstan.spi.plugin.InvalidConfigException;
import java.time.Duration;

/**
 * {@code controllers.nodelifecycle.*}.
 *
 * @param gracePeriod how long a node may go without renewing its Lease (or posting status) before
 *     it is Unknown and tainted unreachable; kube-controller-manager's
 *     {@code --node-monitor-grace-period}, 40 s here (50 s since Kubernetes 1.32)
 * @param defaultTolerationSeconds how long a pod without its own toleration for the
 *     not-ready/unreachable taints stays on such a node before eviction; the
 *     DefaultTolerationSeconds admission plugin's 300 s
 * @param evictionQps evictions per second per zone ({@code --node-eviction-rate}, 0.1)
 * @param workers concurrent node syncs; 1
 */
public record NodeLifecycleConfig(Duration gracePeriod, Long defaultTolerationSeconds, Double evictionQps, Integer workers) {

  public NodeLifecycleConfig {
    gracePeriod = gracePeriod == null ? Duration.ofSeconds(40) : gracePeriod;
    defaultTolerationSeconds = defaultTolerationSeconds == null ? 300L : defaultTolerationSeconds;
    evictionQps = evictionQps == null ? 0.1 : evictionQps;
    workers = workers == null ? 1 : workers;
    if (gracePeriod.isNegative() || gracePeriod.isZero()) {
      throw new InvalidConfigException("gracePeriod", "must be a positive duration such as 40s");
    }
    if (defaultTolerationSeconds < 0) {
      throw new InvalidConfigException("defaultTolerationSeconds", "must be >= 0 seconds, e.g. 300");
    }
    if (evictionQps <= 0) {
      throw new InvalidConfigException("evictionQps", "must be a positive rate, e.g. 0.1 evictions per second");
    }
    if (workers <= 0) {
      throw new InvalidConfigException("workers", "must be a positive number of workers");
    }
  }

  public static NodeLifecycleConfig defaults() {
    return new NodeLifecycleConfig(null, null, null, null);
  }
}
