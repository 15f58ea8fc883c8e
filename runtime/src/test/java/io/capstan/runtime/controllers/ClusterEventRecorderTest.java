package io.capstan.runtime.controllers;

import io.capstan.runtime.controllers.testing.TestControlPlane;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.controller.EventType;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events are written as core/v1 Events, repeats counted, many similar ones combined. */
class ClusterEventRecorderTest {

  private final ReferenceStore store = ReferenceStore.create();
  private final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private final WallClock clock = new WallClock();
  private TestControlPlane cp;
  private ConfigMap object;

  @BeforeEach
  void start() throws Exception {
    store.start();
    cp = TestControlPlane.start(store, clock, executor);
    object = cp.client().resources(ConfigMap.class).create(new ConfigMapBuilder()
        .withNewMetadata().withNamespace("default").withName("cm").endMetadata().build());
  }

  @AfterEach
  void stop() throws Exception {
    cp.close();
    store.close();
    executor.close();
  }

  private List<Event> events() {
    return cp.client().resources(Event.class).list(ListOptions.inNamespace("default")).items();
  }

  @Test
  void repeatsAreCountedOnOneEvent() {
    ClusterEventRecorder recorder = new ClusterEventRecorder(cp.client(), clock, executor, "test-controller", "me");
    recorder.event(object, EventType.NORMAL, "SuccessfulCreate", "Created pod: a");
    await().atMost(Duration.ofSeconds(20)).until(() -> events().size() == 1);
    recorder.event(object, EventType.NORMAL, "SuccessfulCreate", "Created pod: a");
    recorder.event(object, EventType.NORMAL, "SuccessfulCreate", "Created pod: a");
    await().atMost(Duration.ofSeconds(20)).until(() -> events().get(0).getCount() == 3);
    Event event = events().get(0);
    assertThat(event.getInvolvedObject().getName()).isEqualTo("cm");
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
    assertThat(event.getInvolvedObject().getUid()).isEqualTo(object.getMetadata().getUid());
    assertThat(event.getReason()).isEqualTo("SuccessfulCreate");
    assertThat(event.getType()).isEqualTo("Normal");
    assertThat(event.getSource().getComponent()).isEqualTo("test-controller");
    assertThat(events()).hasSize(1);
  }

  @Test
  void manySimilarMessagesAreCombined() {
    ClusterEventRecorder recorder = new ClusterEventRecorder(cp.client(), clock, executor, "test-controller", "me");
    for (int i = 0; i < 15; i++) {
      recorder.eventf(object, EventType.WARNING, "FailedCreate", "Error creating: pod %d", i);
    }
    // 9 distinct events, then one combined event for the 10th to 15th
    await().atMost(Duration.ofSeconds(20)).until(() -> events().size() == 10
        && events().stream().anyMatch(e -> e.getMessage().startsWith("(combined from similar events)") && e.getCount() == 6));
  }

  @Test
  void differentReasonsAreSeparateEvents() {
    ClusterEventRecorder recorder = new ClusterEventRecorder(cp.client(), clock, executor, "test-controller", "me");
    recorder.event(object, EventType.NORMAL, "A", "m");
    recorder.event(object, EventType.NORMAL, "B", "m");
    recorder.event(object, EventType.WARNING, "A", "m");
    await().atMost(Duration.ofSeconds(20)).until(() -> events().size() == 3);
  }
}
