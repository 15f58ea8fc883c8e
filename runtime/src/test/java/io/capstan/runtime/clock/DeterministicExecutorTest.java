package io.capstan.runtime.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Edge cases of virtual time that the TCK does not cover. */
class DeterministicExecutorTest {

  private final VirtualClock clock = new VirtualClock(VirtualClockConfig.DEFAULT_EPOCH);
  private final DeterministicExecutor executor = new DeterministicExecutor(clock, 1L);
  private final List<String> events = new ArrayList<>();

  private void record(String what) {
    events.add(Duration.between(clock.epoch(), clock.now()).toMillis() + "ms " + what);
  }

  @Test
  void advanceRunsTasksScheduledByTasksWhenTheyFallInsideTheWindow() {
    executor.schedule(Duration.ofSeconds(1), () -> {
      record("a");
      executor.schedule(Duration.ofSeconds(2), () -> record("b"));
      executor.schedule(Duration.ofSeconds(10), () -> record("late"));
    });

    int ran = executor.advance(Duration.ofSeconds(5));

    assertThat(events).containsExactly("1000ms a", "3000ms b");
    assertThat(ran).isEqualTo(2);
    assertThat(executor.pendingTasks()).isEqualTo(1);
    assertThat(executor.nextTaskTime()).contains(clock.epoch().plusSeconds(11));
    assertThat(clock.now()).isEqualTo(clock.epoch().plusSeconds(5));
  }

  @Test
  void zeroDelayTaskScheduledDuringAdvanceRunsAtTheCurrentTimeAfterTasksAlreadyDue() {
    executor.schedule(Duration.ofSeconds(2), () -> {
      record("first");
      executor.execute(() -> record("spawned"));
    });
    executor.schedule(Duration.ofSeconds(2), () -> record("second"));
    executor.schedule(Duration.ofSeconds(3), () -> record("third"));

    executor.advance(Duration.ofSeconds(4));

    assertThat(events).containsExactly("2000ms first", "2000ms second", "2000ms spawned", "3000ms third");
  }

  @Test
  void fixedRateKeepsItsBoundariesWhileFixedDelayDriftsByTheRunTime() {
    List<Long> rate = new ArrayList<>();
    List<Long> delay = new ArrayList<>();
    executor.scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(10), () -> {
      rate.add(clock.nanoTime() / 1_000_000_000);
      executor.busyFor(Duration.ofSeconds(3));
    });
    executor.advance(Duration.ofSeconds(35));
    executor.close();

    DeterministicExecutor other = new DeterministicExecutor(new VirtualClock(clock.epoch()), 1L);
    other.scheduleWithFixedDelay(Duration.ZERO, Duration.ofSeconds(10), () -> {
      delay.add(other.clock().nanoTime() / 1_000_000_000);
      other.busyFor(Duration.ofSeconds(3));
    });
    other.advance(Duration.ofSeconds(35));

    assertThat(rate).containsExactly(0L, 10L, 20L, 30L);
    assertThat(delay).containsExactly(0L, 13L, 26L);
  }

  @Test
  void fixedRateSkipsMissedRunsInsteadOfPilingThemUp() {
    List<Long> runs = new ArrayList<>();
    executor.scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(10), () -> {
      runs.add(clock.nanoTime() / 1_000_000_000);
      if (runs.size() == 1) {
        executor.busyFor(Duration.ofSeconds(25)); // overruns two periods
      }
    });

    executor.advance(Duration.ofSeconds(45));

    assertThat(runs).containsExactly(0L, 30L, 40L);
  }

  @Test
  void nowInsideATaskIsItsDueTime() {
    AtomicReference<Instant> seen = new AtomicReference<>();
    executor.schedule(Duration.ofMillis(1234), () -> seen.set(clock.now()));
    executor.advance(Duration.ofHours(1));
    assertThat(seen.get()).isEqualTo(clock.epoch().plusMillis(1234));
  }

  @Test
  void runNextTaskJumpsToTheNextDueTimeAndRunsOnlyThatTask() {
    executor.schedule(Duration.ofMinutes(5), () -> record("a"));
    executor.schedule(Duration.ofMinutes(7), () -> record("b"));

    assertThat(executor.runNextTask()).isTrue();
    assertThat(events).containsExactly("300000ms a");
    assertThat(executor.pendingTasks()).isEqualTo(1);
    assertThat(executor.runNextTask()).isTrue();
    assertThat(executor.runNextTask()).isFalse();
    assertThat(clock.now()).isEqualTo(clock.epoch().plus(Duration.ofMinutes(7)));
  }

  @Test
  void runUntilAndRunForMoveTimeAndRunUntilInThePastDoesNotGoBack() {
    executor.schedule(Duration.ofSeconds(30), () -> record("a"));
    executor.runUntil(clock.epoch().plusSeconds(20));
    assertThat(events).isEmpty();
    executor.runFor(Duration.ofSeconds(10));
    assertThat(events).containsExactly("30000ms a");

    executor.execute(() -> record("now"));
    executor.runUntil(clock.epoch());
    assertThat(events).containsExactly("30000ms a", "30000ms now");
    assertThat(clock.now()).isEqualTo(clock.epoch().plusSeconds(30));
  }

  @Test
  void runUntilIdleRunsOnlyWhatIsDueNow() {
    executor.execute(() -> record("now"));
    executor.schedule(Duration.ofNanos(1), () -> record("later"));
    assertThat(executor.runUntilIdle()).isEqualTo(1);
    assertThat(events).containsExactly("0ms now");
    assertThat(clock.nanoTime()).isZero();
  }

  @Test
  void cancelledTasksLeaveThePendingCount() {
    var handle = executor.schedule(Duration.ofSeconds(1), () -> record("x"));
    executor.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> {});
    assertThat(executor.pendingTasks()).isEqualTo(2);
    handle.cancel();
    assertThat(executor.pendingTasks()).isEqualTo(1);
  }

  @Test
  void aPeriodicTaskCanCancelItselfWhileRunning() {
    AtomicReference<io.capstan.spi.clock.Cancellable> self = new AtomicReference<>();
    List<Long> runs = new ArrayList<>();
    self.set(executor.scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(1), () -> {
      runs.add(clock.nanoTime());
      if (runs.size() == 2) {
        assertThat(self.get().cancel()).isTrue();
      }
    }));
    executor.advance(Duration.ofSeconds(10));
    assertThat(runs).hasSize(2);
    assertThat(executor.pendingTasks()).isZero();
  }

  @Test
  void tasksFromAnotherThreadAreQueuedAndRunOnTheDrivingThread() throws Exception {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    Thread submitter = new Thread(() -> executor.execute(() -> ranOn.set(Thread.currentThread())));
    submitter.start();
    submitter.join();

    assertThat(ranOn.get()).as("nothing runs until the clock is driven").isNull();
    assertThat(executor.pendingTasks()).isEqualTo(1);
    executor.runUntilIdle();
    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void aTaskCannotDriveItsOwnExecutorNorCallBusyForOutsideATask() {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    executor.execute(() -> {
      try {
        executor.advance(Duration.ofSeconds(1));
      } catch (IllegalStateException expected) {
        failure.set(expected);
      }
    });
    executor.runUntilIdle();
    assertThat(failure.get()).hasMessageContaining("cannot drive");
    assertThatIllegalStateException().isThrownBy(() -> executor.busyFor(Duration.ofSeconds(1)));
    assertThatIllegalArgumentException().isThrownBy(() -> executor.advance(Duration.ofSeconds(-1)));
  }

  @Test
  void theSeededRandomReplaysTheSameNumbers() {
    DeterministicExecutor again = new DeterministicExecutor(new VirtualClock(clock.epoch()), 1L);
    DeterministicExecutor otherSeed = new DeterministicExecutor(new VirtualClock(clock.epoch()), 2L);
    long[] first = executor.random().longs(5).toArray();
    assertThat(again.random().longs(5).toArray()).isEqualTo(first);
    assertThat(otherSeed.random().longs(5).toArray()).isNotEqualTo(first);
  }

  @Test
  void hugeDelaysSaturateInsteadOfOverflowingIntoThePast() {
    executor.schedule(Duration.ofSeconds(Long.MAX_VALUE), () -> record("never"));
    executor.advance(Duration.ofDays(365));
    assertThat(events).isEmpty();
    assertThat(executor.pendingTasks()).isEqualTo(1);
  }
}
