package io.capstan.runtime.client.informer;

import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.runtime.clock.VirtualClockConfig;
import io.capstan.spi.client.ListOptions;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;

/**
 * Virtual time, the deterministic executor and a fake pods API, shared by the informer tests. Every
 * step of an informer runs only when a test drives the executor, so each test reads as a script.
 */
final class InformerFixture {

  final VirtualClock clock = new VirtualClock(VirtualClockConfig.DEFAULT_EPOCH);
  final DeterministicExecutor executor = new DeterministicExecutor(clock, 1L);
  final FakeResourceClient<Pod> server = new FakeResourceClient<>(Pod.class, executor, clock);

  DefaultSharedInformer<Pod> informer(InformerOptions options) {
    return new DefaultSharedInformer<>(Pod.class, server, executor, clock, options);
  }

  DefaultSharedInformer<Pod> informer(InformerOptions options, ListOptions scope) {
    return new DefaultSharedInformer<>(Pod.class, server, executor, clock, options, scope);
  }

  DefaultSharedInformer<Pod> informer() {
    return informer(InformerOptions.defaults());
  }

  /** Runs everything due now. */
  void settle() {
    executor.runUntilIdle();
  }

  void advance(Duration duration) {
    executor.advance(duration);
  }

  /** Virtual milliseconds since the epoch of a request's arrival. */
  static long millis(FakeResourceClient.Request request) {
    return request.nanoTime() / 1_000_000;
  }
}
