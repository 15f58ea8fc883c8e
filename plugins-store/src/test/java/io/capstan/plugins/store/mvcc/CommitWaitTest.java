package io.capstan.plugins.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A writer yields while its commit is near, and only then; see {@link CommitWait}. */
class CommitWaitTest {

  private static final long FAST_SYNC = 100_000; // 0.1 ms
  private static final long NEVER_BUSY = Long.MAX_VALUE; // yields never end the spin
  private static volatile long sink;

  @Test
  void returnsOnceTheCommitIsDone() throws Exception {
    CommitWait wait = new CommitWait(Duration.ofSeconds(30), 16, NEVER_BUSY);
    CompletableFuture<String> commit = new CompletableFuture<>();
    Thread committer = new Thread(() -> {
      sleep(20);
      commit.complete("ok");
    });
    committer.start();
    wait.spinUntilDone(commit, 0);
    assertThat(commit).as("a 30 s spin ends early only because the commit came").isDone();
    committer.join();
    assertThat(wait.spinning()).isZero();
  }

  @Test
  void givesUpAfterThreeSyncsAndLeavesTheRestToTheFuture() {
    CommitWait wait = new CommitWait(Duration.ofSeconds(30), 16, NEVER_BUSY);
    CompletableFuture<String> never = new CompletableFuture<>();
    long began = System.nanoTime();
    wait.spinUntilDone(never, TimeUnit.MILLISECONDS.toNanos(10));
    long tookMillis = (System.nanoTime() - began) / 1_000_000;
    assertThat(never).isNotDone();
    assertThat(tookMillis).as("three syncs of 10 ms, not the 30 s spin").isBetween(30L, 10_000L);
  }

  @Test
  void aSlowDiskOrAZeroSpinParksAtOnce() {
    CompletableFuture<String> never = new CompletableFuture<>();
    long began = System.nanoTime();
    new CommitWait(Duration.ofSeconds(30)).spinUntilDone(never, TimeUnit.SECONDS.toNanos(20));
    new CommitWait(Duration.ZERO).spinUntilDone(never, FAST_SYNC);
    assertThat((System.nanoTime() - began) / 1_000_000).as("neither spun").isLessThan(5_000);
  }

  @Test
  void atMostTheLimitSpinAtOnce() throws Exception {
    CommitWait wait = new CommitWait(Duration.ofSeconds(30), 2, NEVER_BUSY);
    CompletableFuture<String> commit = new CompletableFuture<>();
    CountDownLatch returned = new CountDownLatch(5);
    List<Thread> writers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Thread writer = new Thread(() -> {
        wait.spinUntilDone(commit, 0);
        returned.countDown();
      });
      writers.add(writer);
      writer.start();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> returned.getCount() == 2);
    assertThat(wait.spinning()).as("the two within the limit still yield").isEqualTo(2);
    commit.complete("ok");
    assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
    for (Thread writer : writers) {
      writer.join();
    }
    assertThat(wait.spinning()).isZero();
  }

  @Test
  void parksWhenOtherThreadsWantTheCpu() throws Exception {
    List<Thread> burners = new ArrayList<>();
    AtomicBoolean burning = new AtomicBoolean(true);
    for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
      Thread burner = new Thread(() -> {
        long x = 0;
        while (burning.get()) {
          x++;
        }
        sink = x;
      });
      burners.add(burner);
      burner.start();
    }
    try {
      CompletableFuture<String> never = new CompletableFuture<>();
      long began = System.nanoTime();
      new CommitWait(Duration.ofSeconds(30)).spinUntilDone(never, 0);
      assertThat((System.nanoTime() - began) / 1_000_000)
          .as("a yield that lets busy threads run ends the spin, long before 30 s").isLessThan(10_000);
      began = System.nanoTime();
      assertThat(new CommitWait(Duration.ofSeconds(60)).gather(() -> false, TimeUnit.SECONDS.toNanos(30)))
          .as("the sync thread stops yielding too, and waits on its condition").isFalse();
      assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(10_000);
    } finally {
      burning.set(false);
      for (Thread burner : burners) {
        burner.join();
      }
    }
  }

  @Test
  void theSyncThreadYieldsUntilItsBatchIsGathered() throws Exception {
    CommitWait wait = new CommitWait(Duration.ofSeconds(30), 16, NEVER_BUSY);
    AtomicBoolean gathered = new AtomicBoolean();
    Thread lastWriter = new Thread(() -> {
      sleep(20);
      gathered.set(true);
    });
    lastWriter.start();
    assertThat(wait.gather(gathered::get, TimeUnit.SECONDS.toNanos(10)))
        .as("yielded until the batch was gathered").isTrue();
    assertThat(gathered).as("a 10 s window ends early only because the batch is there").isTrue();
    lastWriter.join();
  }

  @Test
  void theSyncThreadYieldsNoLongerThanItsWindow() {
    CommitWait wait = new CommitWait(Duration.ofSeconds(30), 16, NEVER_BUSY);
    long began = System.nanoTime();
    assertThat(wait.gather(() -> false, TimeUnit.MILLISECONDS.toNanos(20))).isTrue();
    assertThat((System.nanoTime() - began) / 1_000_000).as("the 20 ms window").isBetween(20L, 10_000L);
  }

  @Test
  void theSyncThreadWaitsInsteadOfYieldingForALongWindowOrWithoutSpin() {
    long began = System.nanoTime();
    CommitWait spinning = new CommitWait(Duration.ofMillis(1));
    assertThat(spinning.gathers(FAST_SYNC)).isTrue();
    assertThat(spinning.gathers(TimeUnit.MILLISECONDS.toNanos(20))).as("over half the spin").isFalse();
    assertThat(spinning.gather(() -> false, TimeUnit.SECONDS.toNanos(20))).isFalse();
    CommitWait off = new CommitWait(Duration.ZERO);
    assertThat(off.gathers(FAST_SYNC)).isFalse();
    assertThat(off.gather(() -> false, FAST_SYNC)).isFalse();
    assertThat((System.nanoTime() - began) / 1_000_000).as("none yielded").isLessThan(5_000);
  }

  @Test
  void aNegativeSpinIsRefused() {
    assertThatThrownBy(() -> new CommitWait(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
