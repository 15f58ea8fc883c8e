package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What {@link PermitPlugin#permit} returns.
 *
 * @param status SUCCESS (go ahead), WAIT (hold the pod until allowed, rejected or timed out) or a
 *     rejection / ERROR (unreserve and requeue)
 * @param timeout for WAIT, how long to hold the pod before it is rejected; at most {@link
 *     #MAX_TIMEOUT}, longer values are capped. Ignored for other codes.
 */
public record PermitResult(Status status, Duration timeout) {

  /** Kubernetes' cap on a Permit wait. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(15);

  public PermitResult {
    requireNonNull(status, "status");
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      timeout = MAX_TIMEOUT;
    }
  }

  public static PermitResult allow() {
    return new PermitResult(Status.success(), Duration.ZERO);
  }

  public static PermitResult waitFor(Duration timeout) {
    return new PermitResult(Status.waiting(), timeout);
  }

  public static PermitResult reject(Status status) {
    return new PermitResult(status, Duration.ZERO);
  }
}
