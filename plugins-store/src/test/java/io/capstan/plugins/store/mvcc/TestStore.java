package io.capstan.plugins.store.mvcc;

import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;

/** The engine over any persistence, for the engine's own tests. */
final class TestStore extends MvccStore {

  TestStore(MvccOptions options, Persistence persistence, Clock clock, TaskExecutor executor) {
    super(options, persistence, clock, executor);
  }

  /** Writes queued behind the one the writer is working on. */
  int pending() {
    return pendingWrites();
  }
}
