package io.capstan.plugins.store.mvcc;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * Compacts by itself, as etcd's {@code --auto-compaction-mode}: one periodic task on the host's
 * executor. In periodic mode every run samples the committed revision, and once a sample is older
 * than the retention it compacts to the newest such sample (the revision that was current one
 * retention ago). In revision mode it compacts to {@code committed - retention}.
 */
final class AutoCompactor {

  private record Sample(long nanoTime, long revision) {}

  private final AutoCompactionConfig config;
  private final Clock clock;
  private final TaskExecutor executor;
  private final Watermarks marks;
  private final LongConsumer compact;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>(); // touched only by run()
  private Cancellable timer = () -> false;

  AutoCompactor(AutoCompactionConfig config, Clock clock, TaskExecutor executor, Watermarks marks,
      LongConsumer compact) {
    this.config = config;
    this.clock = clock;
    this.executor = executor;
    this.marks = marks;
    this.compact = compact;
  }

  void start() {
    if (config.mode() != AutoCompactionConfig.Mode.NONE) {
      timer = executor.scheduleAtFixedRate(config.interval(), config.interval(), this::run);
    }
  }

  void stop() {
    timer.cancel();
  }

  // synchronized: a fixed-rate task never overlaps itself, but it makes the deque's hand-over
  // between pool threads explicit
  synchronized void run() {
    long target = config.mode() == AutoCompactionConfig.Mode.REVISION
        ? marks.committed - config.retentionRevisions()
        : periodicTarget();
    if (target > marks.compacted) {
      compact.accept(target);
    }
  }

  private long periodicTarget() {
    long now = clock.nanoTime();
    samples.addLast(new Sample(now, marks.committed));
    long horizon = now - config.retentionPeriod().toNanos();
    long target = 0;
    while (!samples.isEmpty() && samples.peekFirst().nanoTime() <= horizon) {
      target = samples.pollFirst().revision();
    }
    return target;
  }
}
