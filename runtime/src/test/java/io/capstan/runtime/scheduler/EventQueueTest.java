package io.capstan.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The scheduler's bounded event queue: writes everything it holds, drops (and counts) beyond its length. */
class EventQueueTest {

  /** Runs submitted tasks only when told to, so the test decides when writers run. */
  static final class HeldExecutor implements Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      Runnable t;
      while ((t = tasks.poll()) != null) {
        t.run();
      }
    }
  }

  @Test
  void writesEveryQueuedEventAndDropsWhatDoesNotFit() {
    HeldExecutor executor = new HeldExecutor();
    EventQueue queue = new EventQueue(executor, 10);
    List<Integer> written = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      int n = i;
      queue.submit(() -> written.add(n));
    }
    assertThat(queue.dropped()).isEqualTo(5);
    assertThat(executor.tasks).hasSizeLessThanOrEqualTo(EventQueue.WRITERS);
    executor.runAll();
    assertThat(written).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

    queue.submit(() -> written.add(99)); // room again once written
    executor.runAll();
    assertThat(written).endsWith(99);
    assertThat(queue.dropped()).isEqualTo(5);
  }

  @Test
  void aFailingWriteDoesNotStopTheOthers() {
    HeldExecutor executor = new HeldExecutor();
    EventQueue queue = new EventQueue(executor, 10);
    List<String> written = new ArrayList<>();
    queue.submit(() -> {
      throw new IllegalStateException("store unavailable");
    });
    queue.submit(() -> written.add("next"));
    executor.runAll();
    assertThat(written).containsExactly("next");
    assertThat(queue.dropped()).isZero();
  }
}
