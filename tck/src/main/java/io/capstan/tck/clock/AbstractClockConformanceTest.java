package io.capstan.tck.clock;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Clock} and {@link TaskExecutor} (see the executor's Javadoc), checked the
 * same way for every clock plugin. A plugin's test extends this class, creates a fresh clock and
 * executor for each test (in a {@code @BeforeEach}), closes them afterwards, and says how to let
 * time pass.
 *
 * <p>Every time in these checks is a multiple of {@link #unit()}, so a wall-clock plugin runs them
 * in milliseconds and a virtual one in whatever unit it likes. Checks on the wall clock must not be
 * flaky on a loaded machine, so they only assert what holds however late a thread wakes up: never
 * "not yet run" unless the clock proves the delay has not elapsed.
 *
 * <p>The ordering check needs the executor under test to start tasks one at a time (one worker
 * thread): with several threads, tasks start in order but may record their order in any order.
 */
public abstract class AbstractClockConformanceTest {

  /** The clock under test. */
  protected abstract Clock clock();

  /** The executor under test, bound next to {@link #clock()}. */
  protected abstract TaskExecutor executor();

  /**
   * Lets at least {@code duration} pass on the clock and returns once every task due within it
   * has finished: a virtual clock advances, a wall clock sleeps and then waits for the executor.
   */
  protected abstract void advance(Duration duration);

  /** The time step of these checks: tens of milliseconds on a wall clock. */
  protected abstract Duration unit();

  /** Shuts the executor down; by default through {@link Lifecycle}, which pooled executors need. */
  protected void shutDown() throws Exception {
    assertThat(executor())
        .as("an executor without Lifecycle must override shutDown() to test the shutdown contract")
        .isInstanceOf(Lifecycle.class);
    ((Lifecycle) executor()).close();
  }

  private Duration units(double n) {
    return Duration.ofNanos((long) (unit().toNanos() * n));
  }

  @Test
  void oneShotRunsOnceAndNotBeforeItsDelay() {
    List<Long> runs = new CopyOnWriteArrayList<>();
    long start = clock().nanoTime();
    executor().schedule(units(4), () -> runs.add(clock().nanoTime()));

    advance(units(1));
    int seenEarly = runs.size();
    if (clock().nanoTime() - start < units(4).toNanos()) {
      assertThat(seenEarly).as("runs before the delay has elapsed").isZero();
    }
    advance(units(4));
    assertThat(runs).as("runs once the delay has elapsed").hasSize(1);
    assertThat(runs.get(0) - start).isGreaterThanOrEqualTo(units(4).toNanos());
    advance(units(4));
    assertThat(runs).as("a one-shot task runs only once").hasSize(1);
  }

  @Test
  void tasksDueAtTheSameTimeRunInSubmissionOrder() {
    List<Integer> order = new CopyOnWriteArrayList<>();
    long start = clock().nanoTime();
    for (int i = 0; i < 20; i++) {
      int n = i;
      executor().schedule(units(1), () -> order.add(n));
    }
    for (int i = 20; i < 30; i++) {
      int n = i;
      executor().execute(() -> order.add(n));
    }
    // On a loaded machine a wall clock may reach the due time before the immediate tasks are even
    // submitted; only then may a scheduled task run first (as in oneShotRunsOnceAndNotBeforeItsDelay).
    boolean submittedBeforeDue = clock().nanoTime() - start < units(1).toNanos();
    advance(units(2));
    assertThat(order).hasSize(30);
    assertThat(order.stream().filter(n -> n < 20).toList()).as("due together: submission order").isSorted();
    assertThat(order.stream().filter(n -> n >= 20).toList()).containsExactly(20, 21, 22, 23, 24, 25, 26, 27, 28, 29);
    if (submittedBeforeDue) {
      assertThat(order.subList(0, 10)).as("work due now runs before work due later")
          .containsExactly(20, 21, 22, 23, 24, 25, 26, 27, 28, 29);
    }
  }

  @Test
  void zeroAndNegativeDelaysMeanAsSoonAsPossible() {
    AtomicInteger runs = new AtomicInteger();
    executor().schedule(Duration.ZERO, runs::incrementAndGet);
    executor().schedule(Duration.ofSeconds(-5), runs::incrementAndGet);
    advance(units(1));
    assertThat(runs).hasValue(2);
  }

  @Test
  void cancelPreventsTheRunAndReturnsTrueOnlyOnce() {
    AtomicInteger runs = new AtomicInteger();
    Cancellable handle = executor().schedule(units(2), runs::incrementAndGet);

    assertThat(handle.cancel()).as("first cancel").isTrue();
    assertThat(handle.cancel()).as("second cancel").isFalse();
    advance(units(4));
    assertThat(runs).as("runs of a cancelled task").hasValue(0);
  }

  @Test
  void cancelAfterTheRunReturnsFalse() {
    AtomicInteger runs = new AtomicInteger();
    Cancellable handle = executor().schedule(Duration.ZERO, runs::incrementAndGet);
    advance(units(1));
    assertThat(runs).hasValue(1);
    assertThat(handle.cancel()).isFalse();
  }

  @Test
  void fixedRateTaskRunsRepeatedlyOnPeriodBoundariesUntilCancelled() {
    List<Long> runs = new CopyOnWriteArrayList<>();
    long start = clock().nanoTime();
    Cancellable handle =
        executor().scheduleAtFixedRate(units(1), units(1), () -> runs.add(clock().nanoTime()));

    advance(units(5.5));
    // A wall clock on a loaded machine may run late (a pool thread not scheduled for a while); give
    // it up to 20 units to reach three runs (a virtual clock has five by now). The property is that
    // no run is early and none follows the cancel, checked below.
    for (int more = 0; more < 15 && runs.size() < 3; more++) {
      advance(units(1));
    }
    assertThat(runs.size()).as("runs in 5.5 periods (and up to 15 more on a late clock)").isGreaterThanOrEqualTo(3);
    for (int k = 0; k < runs.size(); k++) {
      assertThat(runs.get(k) - start)
          .as("run %d is not early", k)
          .isGreaterThanOrEqualTo(units(1 + k).toNanos());
    }
    assertThat(handle.cancel()).isTrue();
    advance(units(1));
    int afterCancel = runs.size();
    advance(units(3));
    assertThat(runs).as("runs after cancel").hasSize(afterCancel);
  }

  @Test
  void fixedDelayTaskWaitsTheDelayAfterEachRun() {
    List<Long> runs = new CopyOnWriteArrayList<>();
    Cancellable handle =
        executor().scheduleWithFixedDelay(units(1), units(1), () -> runs.add(clock().nanoTime()));

    advance(units(5.5));
    // A wall clock on a loaded machine may run late; give it up to 20 units to reach three runs
    // (a virtual clock has five by now). The property is the gaps, checked below.
    for (int more = 0; more < 15 && runs.size() < 3; more++) {
      advance(units(1));
    }
    handle.cancel();
    assertThat(runs.size()).isGreaterThanOrEqualTo(3);
    for (int k = 1; k < runs.size(); k++) {
      assertThat(runs.get(k) - runs.get(k - 1)).isGreaterThanOrEqualTo(unit().toNanos());
    }
  }

  @Test
  void throwingTaskStopsNeitherItsPeriodicRunsNorOtherTasks() {
    AtomicInteger periodicRuns = new AtomicInteger();
    AtomicInteger otherRuns = new AtomicInteger();
    Cancellable handle = executor().scheduleAtFixedRate(Duration.ZERO, units(1), () -> {
      periodicRuns.incrementAndGet();
      throw new IllegalStateException("deliberate failure from a conformance test");
    });
    executor().execute(() -> {
      throw new IllegalStateException("deliberate failure from a conformance test");
    });
    executor().execute(otherRuns::incrementAndGet);

    advance(units(4.5));
    handle.cancel();
    assertThat(periodicRuns.get()).as("runs of a periodic task that throws").isGreaterThanOrEqualTo(3);
    assertThat(otherRuns).as("a task after a throwing one").hasValue(1);
  }

  @Test
  void periodicTasksRefuseNonPositivePeriods() {
    Runnable noop = () -> {};
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> executor().scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, noop));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> executor().scheduleWithFixedDelay(Duration.ZERO, units(-1), noop));
  }

  @Test
  void nanoTimeNeverGoesBackwardsAndMeasuresTheTimePassed() {
    long previous = clock().nanoTime();
    for (int i = 0; i < 1_000; i++) {
      long current = clock().nanoTime();
      assertThat(current).isGreaterThanOrEqualTo(previous);
      previous = current;
    }
    advance(units(2));
    assertThat(clock().nanoTime() - previous).isGreaterThanOrEqualTo(units(2).toNanos());
  }

  @Test
  void nowMovesForwardWithTime() {
    Instant before = clock().now();
    advance(units(2));
    Instant after = clock().now();
    // half the step, not all of it: the wall clock's now() may be slewed by NTP while we sleep
    assertThat(after).isAfterOrEqualTo(before.plus(units(1)));
  }

  @Test
  void afterShutdownSubmissionsAreDroppedAndReturnACancelledHandle() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Cancellable pending = executor().schedule(units(2), runs::incrementAndGet);
    shutDown();

    assertThat(pending.cancel()).as("cancel of a task dropped by shutdown").isFalse();
    Cancellable late = executor().schedule(Duration.ZERO, runs::incrementAndGet);
    Cancellable latePeriodic = executor().scheduleAtFixedRate(Duration.ZERO, units(1), runs::incrementAndGet);
    executor().execute(runs::incrementAndGet);
    assertThat(late.cancel()).isFalse();
    assertThat(latePeriodic.cancel()).isFalse();
    advanceAfterShutdown(units(3));
    assertThat(runs).as("runs after shutdown").hasValue(0);
  }

  /**
   * Lets time pass once the executor is shut down, when {@link #advance} may no longer be able to
   * wait on it; by default just sleeps through {@link #advance}'s virtual or real time.
   */
  protected void advanceAfterShutdown(Duration duration) {
    advance(duration);
  }
}
