package io.capstan.runtime.clock;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * A toy timer-driven component for the determinism test, shaped like the real ones it stands for: a
 * lease holder renewing on a jittered period with an expiry timer it keeps re-arming (cancel +
 * schedule), random work arrivals, and a fixed-delay worker whose items take random time. Every
 * random draw comes from the executor's seeded generator and every event is logged with its virtual
 * time, so two runs with one seed must print the same log.
 */
final class LeaseRenewerSimulation {

  static final Duration LEASE_TTL = Duration.ofSeconds(15);
  static final Duration RENEW_PERIOD = Duration.ofSeconds(10);

  private final DeterministicExecutor executor;
  private final Clock clock;
  private final RandomGenerator random;
  private final StringBuilder log = new StringBuilder();
  private final Deque<Integer> work = new ArrayDeque<>();
  private Cancellable expiry;
  private boolean held;
  private int nextItem;

  LeaseRenewerSimulation(DeterministicExecutor executor) {
    this.executor = executor;
    this.clock = executor.clock();
    this.random = executor.random();
  }

  /** Starts every timer and runs for {@code length} of virtual time; returns the event log. */
  String run(Duration length) {
    executor.execute(this::acquire);
    executor.scheduleAtFixedRate(RENEW_PERIOD, RENEW_PERIOD, this::renewWithJitter);
    executor.schedule(nextArrivalDelay(), this::arrive);
    executor.scheduleWithFixedDelay(Duration.ofSeconds(2), Duration.ofSeconds(2), this::drain);
    executor.schedule(length, () -> event("end pending=" + work.size()));
    executor.advance(length);
    return log.toString();
  }

  private void acquire() {
    held = true;
    event("lease acquired");
    armExpiry();
  }

  private void renewWithJitter() {
    // jitter spreads renewals of many holders; one in ten renewals is "lost on the network"
    Duration jitter = Duration.ofMillis(random.nextInt(0, 3_000));
    boolean lost = random.nextInt(10) == 0;
    executor.schedule(jitter, () -> {
      if (lost) {
        event("renewal lost");
      } else if (held) {
        event("lease renewed");
        armExpiry();
      } else {
        acquire();
      }
    });
  }

  private void armExpiry() {
    if (expiry != null) {
      expiry.cancel();
    }
    expiry = executor.schedule(LEASE_TTL, () -> {
      held = false;
      event("lease expired");
    });
  }

  private void arrive() {
    int item = nextItem++;
    work.addLast(item);
    event("work " + item + " arrived queue=" + work.size());
    executor.schedule(nextArrivalDelay(), this::arrive);
  }

  private Duration nextArrivalDelay() {
    // exponential inter-arrival times with a 7 s mean, in whole milliseconds
    return Duration.ofMillis((long) (-Math.log(1 - random.nextDouble()) * 7_000));
  }

  private void drain() {
    for (int i = 0; i < 3 && !work.isEmpty() && held; i++) {
      int item = work.removeFirst();
      executor.busyFor(Duration.ofMillis(random.nextInt(100, 900)));
      event("work " + item + " done");
    }
  }

  private void event(String what) {
    log.append(Duration.between(executor.clock().epoch(), clock.now())).append(' ')
        .append(what).append('\n');
  }
}
