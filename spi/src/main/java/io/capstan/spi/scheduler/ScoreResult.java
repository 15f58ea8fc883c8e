package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

/**
 * What {@link ScorePlugin#score} returns: Kubernetes' {@code (int64, *Status)} pair.
 *
 * @param score the raw score; any range, normalized later (see {@link NodeScore})
 * @param status SUCCESS, or ERROR, which aborts the cycle; scoring cannot reject a node
 */
public record ScoreResult(long score, Status status) {

  public ScoreResult {
    requireNonNull(status, "status");
  }

  public static ScoreResult of(long score) {
    return new ScoreResult(score, Status.success());
  }

  public static ScoreResult error(Status status) {
    return new ScoreResult(0, status);
  }
}
