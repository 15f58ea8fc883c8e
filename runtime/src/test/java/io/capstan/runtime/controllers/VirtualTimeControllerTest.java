package io.capstan.runtime.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.runtime.controllers.testing.TestControlPlane;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.controller.Result;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host on the virtual clock and the deterministic executor: requeueAfter and the error back-off
 * happen exactly when the clock says, and nothing happens before.
 */
class VirtualTimeControllerTest {

  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final DeterministicExecutor executor = new DeterministicExecutor(clock, 7);
  private final ReferenceStore store = ReferenceStore.withClock(clock);
  private TestControlPlane cp;
  private final ObjectKey key = ObjectKey.of("default", "cm");

  @BeforeEach
  void start() throws Exception {
    store.start();
    cp = TestControlPlane.start(store, clock, executor);
    cp.client().resources(io.fabric8.kubernetes.api.model.ConfigMap.class).create(new ConfigMapBuilder()
        .withNewMetadata().withNamespace("default").withName("cm").endMetadata().build());
  }

  @AfterEach
  void stop() throws Exception {
    cp.close();
    store.close();
    executor.close();
  }

  /** Runs what is due now until the controller has been called {@code n} times (events may come from the store's thread). */
  private void runUntilCalls(ScriptedController c, long n) throws InterruptedException {
    for (int i = 0; i < 500 && c.callsFor(key) < n; i++) {
      executor.runUntilIdle();
      if (c.callsFor(key) < n) {
        Thread.sleep(2);
      }
    }
    assertThat(c.callsFor(key)).isGreaterThanOrEqualTo(n);
  }

  @Test
  void requeueAfterWaitsForTheVirtualClock() throws Exception {
    ScriptedController c = new ScriptedController("scripted", 1);
    c.script = (k, n) -> n < 3 ? Result.requeueAfter(Duration.ofSeconds(30)) : Result.done();
    try (ControllerTestHarness h = ControllerTestHarness.builder(cp.client(), clock, executor).controller(c)
        .resyncPeriod(Duration.ZERO).start()) {
      runUntilCalls(c, 1);
      long first = c.calls.get(0).nanoTime();
      executor.advance(Duration.ofSeconds(29));
      assertThat(c.callsFor(key)).isEqualTo(1);
      executor.advance(Duration.ofSeconds(1));
      assertThat(callsAt(c, first + Duration.ofSeconds(30).toNanos())).isPositive();
      executor.advance(Duration.ofSeconds(30));
      assertThat(callsAt(c, first + Duration.ofSeconds(60).toNanos())).isPositive();
      executor.advance(Duration.ofSeconds(60));
      // the third call said done: nothing was scheduled 30 s after it (informer relists may add calls
      // of their own, which a level-based controller must accept, so only the schedule is checked)
      assertThat(callsAt(c, first + Duration.ofSeconds(90).toNanos())).isZero();
    }
  }

  private long callsAt(ScriptedController c, long nanoTime) {
    return c.calls.stream().filter(call -> call.nanoTime() == nanoTime).count();
  }

  @Test
  void errorsBackOffExponentially() throws Exception {
    ScriptedController c = new ScriptedController("scripted", 1);
    c.script = (k, n) -> n <= 4 ? Result.error(new IllegalStateException("try " + n)) : Result.done();
    try (ControllerTestHarness h = ControllerTestHarness.builder(cp.client(), clock, executor).controller(c)
        .resyncPeriod(Duration.ZERO).start()) {
      runUntilCalls(c, 1);
      // Let the informer's own asynchronous add event (the watch is real) land before time moves, so
      // that any extra call it causes shares a virtual instant with a scheduled one.
      for (int i = 0; i < 25; i++) {
        executor.runUntilIdle();
        Thread.sleep(4);
      }
      executor.advance(Duration.ofSeconds(1));
      assertThat(c.callsFor(key)).isGreaterThanOrEqualTo(5);
      // client-go's per-item back-off: 5 ms doubling per failure. An extra call from that event
      // counts as a failure too, so the gap after an instant is 5 ms x 2^(failures so far - 1).
      long[] times = c.calls.stream().mapToLong(ScriptedController.Call::nanoTime).sorted().toArray();
      long[] t = java.util.Arrays.stream(times).distinct().toArray();
      assertThat(t.length).isGreaterThanOrEqualTo(4);
      for (int i = 1; i < t.length; i++) {
        long instant = t[i - 1];
        long failuresSoFar = java.util.Arrays.stream(times).filter(x -> x <= instant).count();
        assertThat(t[i] - t[i - 1]).as("gap %d after %d failures", i, failuresSoFar)
            .isEqualTo(Duration.ofMillis(5).toNanos() << (failuresSoFar - 1));
      }
      long settled = c.callsFor(key);
      executor.advance(Duration.ofHours(1));
      assertThat(c.callsFor(key)).as("done: no more calls").isEqualTo(settled);
    }
  }
}
