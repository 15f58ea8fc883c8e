package io.capstan.runtime.scheduler.queue;

import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.QueuedPodInfo;
import java.time.Instant;
import java.util.Set;

/**
 * The queue's mutable record of one pod; guarded by the queue's lock. {@link #info()} is the SPI
 * view handed to QueueSort and the scheduling cycle, rebuilt only when a field changes.
 */
public final class QueuedPod {

  PodInfo podInfo;
  Instant timestamp;
  int attempts;
  final Instant initialAttempt;
  Set<String> unschedulablePlugins = Set.of();
  boolean gated;
  final long sequence;
  private QueuedPodInfo info;

  QueuedPod(PodInfo podInfo, Instant now, long sequence) {
    this.podInfo = podInfo;
    this.timestamp = now;
    this.initialAttempt = now;
    this.sequence = sequence;
  }

  public QueuedPodInfo info() {
    if (info == null) {
      info = new QueuedPodInfo(podInfo, timestamp, attempts, initialAttempt, unschedulablePlugins);
    }
    return info;
  }

  void changed() {
    info = null;
  }

  public String uid() {
    return podInfo.uid();
  }

  public int attempts() {
    return attempts;
  }
}
