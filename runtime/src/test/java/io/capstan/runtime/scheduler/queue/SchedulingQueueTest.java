package io.capstan.runtime.scheduler.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.runtime.scheduler.framework.Framework;
import io.capstan.runtime.scheduler.framework.FrameworkHandleImpl;
import io.capstan.runtime.scheduler.profile.ConfigurationLoader;
import io.capstan.runtime.scheduler.profile.ProfileBuilder;
import io.capstan.runtime.scheduler.testplugins.TestPlugins;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.scheduler.ClusterEvent.Action;
import io.capstan.spi.scheduler.Status;
import io.capstan.tck.fixtures.TestObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queue timings and moves on the virtual clock: backoff 1 s doubling to 10 s, event-driven requeue, periodic flushes. */
class SchedulingQueueTest {

  VirtualClock clock = new VirtualClock(Instant.parse("2025-01-01T00:00:00Z"));
  DeterministicExecutor executor = new DeterministicExecutor(clock, 1);
  SchedulingQueue queue;
  AtomicInteger signals = new AtomicInteger();

  @BeforeEach
  void setUp() {
    Injector injector = Guice.createInjector(new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(clock);
        bind(TaskExecutor.class).toInstance(executor);
      }
    });
    var spec = ConfigurationLoader.defaults().profiles().get(0);
    FrameworkHandleImpl handle = new FrameworkHandleImpl(spec.schedulerName(), clock, 1, () -> null, (p, n) -> Status.success());
    Framework fw = new ProfileBuilder(TestPlugins.registry(), injector).build(spec, handle, 0, false);
    queue = new SchedulingQueue(fw.queueSort().comparator(), p -> Optional.of(fw), clock, executor,
        SchedulingQueue.Settings.defaults(), signals::incrementAndGet);
    queue.start();
  }

  @AfterEach
  void tearDown() {
    queue.close();
    executor.close();
  }

  private static Pod pod(String name, int priority) {
    return new PodBuilder(TestObjects.pod(name).build()).editMetadata().withUid("uid-" + name).endMetadata()
        .editSpec().withPriority(priority).endSpec().build();
  }

  private QueuedPod popAndFail(Set<String> plugins) {
    QueuedPod qp = queue.pop().orElseThrow();
    queue.requeue(qp, plugins, queue.schedulingCycle());
    return qp;
  }

  @Test
  void backoffDoublesFromOneSecondToTenPerAttempt() {
    assertThat(java.util.stream.IntStream.rangeClosed(1, 7).mapToObj(queue::backoffDuration).map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 10L, 10L, 10L);
  }

  @Test
  void aFailedPodWaitsOutItsBackoffOnTheClockBeforeItIsActiveAgain() {
    queue.add(pod("p", 0));
    assertThat(signals.get()).isEqualTo(1);
    popAndFail(Set.of()); // an error: straight to backoff
    assertThat(queue.isInBackoff("uid-p")).isTrue();

    executor.advance(Duration.ofMillis(999));
    assertThat(queue.isInBackoff("uid-p")).isTrue();
    executor.advance(Duration.ofMillis(1001)); // the 1 s flush after the expiry moves it
    assertThat(queue.isActive("uid-p")).isTrue();

    popAndFail(Set.of()); // second attempt: 2 s
    executor.advance(Duration.ofMillis(1500));
    assertThat(queue.isInBackoff("uid-p")).isTrue();
    executor.advance(Duration.ofMillis(1500));
    assertThat(queue.isActive("uid-p")).isTrue();
  }

  @Test
  void anUnschedulablePodMovesOnlyOnAnEventItsRejectingPluginRegistered() {
    queue.add(pod("p", 0));
    popAndFail(Set.of("NodeResourcesFit"));
    assertThat(queue.isUnschedulable("uid-p")).isTrue();

    queue.onClusterEvent("nodes", Action.UPDATE_NODE_LABEL, Optional.empty(), Optional.empty());
    assertThat(queue.isUnschedulable("uid-p")).isTrue();

    executor.advance(Duration.ofSeconds(2)); // backoff over
    queue.onClusterEvent("pods", Action.DELETE, Optional.empty(), Optional.empty());
    assertThat(queue.isActive("uid-p")).isTrue();
  }

  @Test
  void aPodRejectedByTaintsIgnoresPodDeletionsButMovesOnATaintChange() {
    queue.add(pod("p", 0));
    popAndFail(Set.of("TaintToleration"));
    queue.onClusterEvent("pods", Action.DELETE, Optional.empty(), Optional.empty());
    assertThat(queue.isUnschedulable("uid-p")).isTrue();
    queue.onClusterEvent("nodes", Action.UPDATE_NODE_TAINT, Optional.empty(), Optional.empty());
    assertThat(queue.isInBackoff("uid-p")).as("backoff of attempt 1 not over yet").isTrue();
  }

  @Test
  void anEventDuringThePodsCycleSendsItToBackoffNotAmongTheUnschedulable() {
    queue.add(pod("p", 0));
    QueuedPod qp = queue.pop().orElseThrow();
    long cycle = queue.schedulingCycle();
    queue.onClusterEvent("nodes", Action.ADD, Optional.empty(), Optional.empty());
    queue.requeue(qp, Set.of("NodeResourcesFit"), cycle);
    assertThat(queue.isInBackoff("uid-p")).isTrue();
  }

  @Test
  void unschedulablePodsAreFlushedAfterSixtySeconds() {
    queue.add(pod("p", 0));
    popAndFail(Set.of("TaintToleration"));
    executor.advance(Duration.ofSeconds(59));
    assertThat(queue.isUnschedulable("uid-p")).isTrue();
    executor.advance(Duration.ofSeconds(31)); // the 30 s leftover flush after the 60 s mark
    assertThat(queue.isActive("uid-p")).isTrue();
  }

  @Test
  void higherPriorityPodsPopFirstThenEarlierOnes() {
    queue.add(pod("low", 1));
    executor.advance(Duration.ofMillis(1));
    queue.add(pod("high", 10));
    executor.advance(Duration.ofMillis(1));
    queue.add(pod("low-later", 1));
    assertThat(queue.pop().orElseThrow().info().pod().getMetadata().getName()).isEqualTo("high");
    assertThat(queue.pop().orElseThrow().info().pod().getMetadata().getName()).isEqualTo("low");
    assertThat(queue.pop().orElseThrow().info().pod().getMetadata().getName()).isEqualTo("low-later");
    assertThat(queue.pop()).isEmpty();
  }
}
