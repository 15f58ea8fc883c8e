package io.capstan.runtime.controllers;

import io.capstan.runtime.controllers.testing.TestControlPlane;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.controller.Result;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The host over a real in-process API server: sync before reconcile, mapping, results, workers. */
class ControllerManagerTest {

  private final ReferenceStore store = ReferenceStore.create();
  private final PooledTaskExecutor executor = new PooledTaskExecutor(4, Duration.ofSeconds(1));
  private final WallClock clock = new WallClock();
  private TestControlPlane cp;

  @BeforeEach
  void start() throws Exception {
    store.start();
    cp = TestControlPlane.start(store, clock, executor);
  }

  @AfterEach
  void stop() throws Exception {
    cp.close();
    store.close();
    executor.close();
  }

  private static ConfigMap configMap(String name, String team) {
    return new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName(name)
        .addToLabels("team", team).endMetadata().addToData("k", "v").build();
  }

  @Test
  void reconcilesOnlyAfterSyncAndSeesTheCache() {
    for (int i = 0; i < 50; i++) {
      cp.client().resources(ConfigMap.class).create(configMap("cm" + i, "a"));
    }
    ScriptedController controller = new ScriptedController("scripted", 3);
    try (ControllerTestHarness h = ControllerTestHarness.builder(cp.client(), clock, executor)
        .controller(controller).start()) {
      h.awaitQuiescence(Duration.ofSeconds(10));
      assertThat(controller.calls).hasSizeGreaterThanOrEqualTo(50);
      assertThat(controller.calls).allMatch(ScriptedController.Call::seen);
      assertThat(h.manager().informers().sharedInformer(ConfigMap.class).lister().byIndex("by-team", "a"))
          .hasSize(50);
    }
  }

  @Test
  void secondaryEventsAreMappedAndDeletedObjectsStillReconciled() {
    ScriptedController controller = new ScriptedController("scripted", 1);
    try (ControllerTestHarness h = ControllerTestHarness.builder(cp.client(), clock, executor)
        .controller(controller).start()) {
      h.awaitStarted(Duration.ofSeconds(10));
      ObjectKey key = ObjectKey.of("default", "x");
      cp.client().resources(io.fabric8.kubernetes.api.model.Secret.class).create(new SecretBuilder()
          .withNewMetadata().withNamespace("default").withName("x").endMetadata().build());
      await().atMost(Duration.ofSeconds(10)).until(() -> controller.callsFor(key) >= 1);
      assertThat(controller.calls).filteredOn(c -> c.key().equals(key)).first()
          .extracting(ScriptedController.Call::seen).isEqualTo(false);
      cp.client().resources(ConfigMap.class).create(configMap("x", "b"));
      await().atMost(Duration.ofSeconds(10)).until(() -> controller.calls.stream()
          .anyMatch(c -> c.key().equals(key) && c.seen()));
      long before = controller.callsFor(key);
      cp.client().resources(ConfigMap.class).delete("default", "x");
      await().atMost(Duration.ofSeconds(10)).until(() -> controller.callsFor(key) > before);
    }
  }

  @Test
  void errorsAreRetriedWithBackoffUntilDone() {
    ScriptedController controller = new ScriptedController("scripted", 2);
    controller.script = (key, n) -> n <= 3 ? Result.error(new IllegalStateException("try " + n))
        : n == 4 ? failWith() : Result.done();
    cp.client().resources(ConfigMap.class).create(configMap("flaky", "a"));
    try (ControllerTestHarness h = ControllerTestHarness.builder(cp.client(), clock, executor)
        .controller(controller).start()) {
      ObjectKey key = ObjectKey.of("default", "flaky");
      await().atMost(Duration.ofSeconds(10)).until(() -> controller.callsFor(key) >= 5);
      h.awaitQuiescence(Duration.ofSeconds(10));
      assertThat(controller.counts.get(key)).as("retried until done, then left alone").isBetween(5, 6);
      // the exact back-off is asserted on the virtual clock (VirtualTimeControllerTest); on the wall
      // clock of a shared machine only its total is: 5 + 10 + 20 + 40 ms at least
      var times = controller.calls.stream().filter(c -> c.key().equals(key)).mapToLong(ScriptedController.Call::nanoTime)
          .toArray();
      assertThat(times[4] - times[0]).isGreaterThanOrEqualTo(Duration.ofMillis(75).toNanos());
    }
  }

  private static Result failWith() {
    throw new IllegalArgumentException("thrown, not returned");
  }

  @Test
  void requeueAfterComesBackAfterTheDelay() {
    ScriptedController controller = new ScriptedController("scripted", 1);
    controller.script = (key, n) -> n < 3 ? Result.requeueAfter(Duration.ofMillis(200)) : Result.done();
    cp.client().resources(ConfigMap.class).create(configMap("later", "a"));
    try (ControllerTestHarness h = ControllerTestHarness.builder(cp.client(), clock, executor)
        .controller(controller).start()) {
      ObjectKey key = ObjectKey.of("default", "later");
      await().atMost(Duration.ofSeconds(10)).until(() -> controller.callsFor(key) >= 3);
      long first = controller.calls.get(0).nanoTime();
      // the requeued calls come 200 ms apart at the earliest; an extra informer event may add others
      await().atMost(Duration.ofSeconds(10)).until(() -> controller.calls.stream()
          .anyMatch(c -> c.nanoTime() - first >= Duration.ofMillis(200).toNanos()));
    }
  }

  @Test
  void periodicResyncRevisitsEveryObject() {
    ScriptedController controller = new ScriptedController("scripted", 1);
    cp.client().resources(ConfigMap.class).create(configMap("quiet", "a"));
    try (ControllerTestHarness h = ControllerTestHarness.builder(cp.client(), clock, executor)
        .controller(controller).resyncPeriod(Duration.ofMillis(100)).start()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> controller.callsFor(ObjectKey.of("default", "quiet")) >= 3);
    }
  }

  @Test
  void restartStartsWithFreshCachesAndReconcilesEverythingAgain() {
    ScriptedController controller = new ScriptedController("scripted", 1);
    cp.client().resources(ConfigMap.class).create(configMap("again", "a"));
    try (ControllerTestHarness h = ControllerTestHarness.builder(cp.client(), clock, executor)
        .controller(controller).start()) {
      h.awaitQuiescence(Duration.ofSeconds(10));
      long first = controller.callsFor(ObjectKey.of("default", "again"));
      h.restart();
      h.awaitQuiescence(Duration.ofSeconds(10));
      assertThat(controller.callsFor(ObjectKey.of("default", "again"))).isGreaterThan(first);
    }
  }
}
