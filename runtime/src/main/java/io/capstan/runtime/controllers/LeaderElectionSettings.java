package io.capstan.runtime.controllers;

import io.capstan.spi.plugin.InvalidConfigException;
import java.time.Duration;

/**
 * {@code controllers.leaderElection.*}: kube-controller-manager's {@code --leader-elect*} flags.
 *
 * @param enabled elect a leader through a Lease before running any controller
 * @param leaseDuration how long a non-leader waits after the last observed renewal before taking
 *     over (15 s)
 * @param renewDeadline how long the leader keeps trying to renew before it stops acting (10 s)
 * @param retryPeriod the pause between tries to acquire or renew (2 s)
 * @param leaseName the Lease's name ({@code capstan-controller-manager})
 * @param leaseNamespace the Lease's namespace ({@code kube-system})
 * @param identity this process's holder identity; empty means host name plus a random suffix
 */
public record LeaderElectionSettings(Boolean enabled, Duration leaseDuration, Duration renewDeadline,
    Duration retryPeriod, String leaseName, String leaseNamespace, String identity) {

  public LeaderElectionSettings {
    enabled = enabled == null || enabled;
    leaseDuration = leaseDuration == null ? Duration.ofSeconds(15) : leaseDuration;
    renewDeadline = renewDeadline == null ? Duration.ofSeconds(10) : renewDeadline;
    retryPeriod = retryPeriod == null ? Duration.ofSeconds(2) : retryPeriod;
    leaseName = leaseName == null || leaseName.isBlank() ? "capstan-controller-manager" : leaseName;
    leaseNamespace = leaseNamespace == null || leaseNamespace.isBlank() ? "kube-system" : leaseNamespace;
    identity = identity == null ? "" : identity;
    if (retryPeriod.isNegative() || retryPeriod.isZero()) {
      throw new InvalidConfigException("retryPeriod", "must be a positive duration such as 2s");
    }
    // client-go's NewLeaderElector checks the same two inequalities
    if (leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new InvalidConfigException("leaseDuration",
          "must be longer than renewDeadline (" + renewDeadline + "), got " + leaseDuration);
    }
    if (renewDeadline.compareTo(retryPeriod.multipliedBy(12).dividedBy(10)) <= 0) {
      throw new InvalidConfigException("renewDeadline",
          "must be longer than 1.2 x retryPeriod (" + retryPeriod + "), got " + renewDeadline);
    }
  }

  /** Kubernetes' defaults, enabled. */
  public static LeaderElectionSettings defaults() {
    return new LeaderElectionSettings(null, null, null, null, null, null, null);
  }

  /** Leader election switched off: the process acts at once. */
  public static LeaderElectionSettings disabled() {
    return new LeaderElectionSettings(false, null, null, null, null, null, null);
  }

  public LeaderElectionSettings withTimings(Duration lease, Duration renew, Duration retry) {
    return new LeaderElectionSettings(enabled, lease, renew, retry, leaseName, leaseNamespace, identity);
  }

  public LeaderElectionSettings withIdentity(String id) {
    return new LeaderElectionSettings(enabled, leaseDuration, renewDeadline, retryPeriod, leaseName, leaseNamespace, id);
  }
}
