package io.capstan.runtime.scheduler;

import java.time.Duration;
import java.util.Set;

/**
 * The host's own settings beside the KubeSchedulerConfiguration ({@code scheduler.*} keys).
 *
 * @param explain whether decisions are written as pod annotations (default on)
 * @param explainOff profiles (schedulerName) that do not record explanations
 * @param events whether Scheduled / FailedScheduling events are written
 * @param seed the seed of the tie-breaking random source, so a run can be replayed
 * @param assumedPodTtl how long an assumed pod whose binding finished may stay unconfirmed
 * @param bindBatch how many pods one scheduling task handles before yielding the executor
 * @param bindThreads threads for binding cycles and API writes, which block on the API server (as
 *     Kubernetes' goroutine per binding); 0 runs them on the injected executor (simulations do)
 * @param batching whether identical pods reuse the previous pod's ranking of nodes (Kubernetes'
 *     opportunistic batching; only for profiles whose plugins all sign pods, never while explaining)
 */
public record SchedulerOptions(boolean explain, Set<String> explainOff, boolean events, long seed, Duration assumedPodTtl,
    int bindBatch, int bindThreads, boolean batching) {

  public SchedulerOptions {
    explainOff = Set.copyOf(explainOff);
    if (bindThreads < 0) {
      throw new IllegalArgumentException("bindThreads must be >= 0");
    }
    if (bindBatch < 1) {
      throw new IllegalArgumentException("bindBatch must be >= 1");
    }
  }

  public static SchedulerOptions defaults() {
    return new SchedulerOptions(true, Set.of(), true, 0, Duration.ofMinutes(15), 64, 16, true);
  }

  public SchedulerOptions withExplain(boolean on) {
    return new SchedulerOptions(on, explainOff, events, seed, assumedPodTtl, bindBatch, bindThreads, batching);
  }

  public SchedulerOptions withBindThreads(int threads) {
    return new SchedulerOptions(explain, explainOff, events, seed, assumedPodTtl, bindBatch, threads, batching);
  }

  public SchedulerOptions withEvents(boolean on) {
    return new SchedulerOptions(explain, explainOff, on, seed, assumedPodTtl, bindBatch, bindThreads, batching);
  }

  public SchedulerOptions withBatching(boolean on) {
    return new SchedulerOptions(explain, explainOff, events, seed, assumedPodTtl, bindBatch, bindThreads, on);
  }

  public boolean explainFor(String profile) {
    return explain && !explainOff.contains(profile);
  }
}
