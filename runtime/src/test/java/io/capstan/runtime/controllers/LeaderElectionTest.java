package io.capstan.runtime.controllers;

import io.capstan.runtime.controllers.testing.TestControlPlane;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.ResourceClient;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two controller managers on one API server elect one leader through a Lease: only the leader's
 * controllers reconcile; a released lease passes at once, a leader cut off from the server stops
 * before the other takes over, and never are both active.
 */
class LeaderElectionTest {

  private static final LeaderElectionSettings FAST = LeaderElectionSettings.defaults()
      .withTimings(Duration.ofMillis(1500), Duration.ofMillis(1000), Duration.ofMillis(100));

  private final ReferenceStore store = ReferenceStore.create();
  private final PooledTaskExecutor executor = new PooledTaskExecutor(4, Duration.ofSeconds(1));
  private final WallClock clock = new WallClock();
  private TestControlPlane cp;

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

  private ControllerManager manager(String id, ApiClient client, ScriptedController controller) {
    ControllerManagerSettings settings = ControllerManagerSettings.standalone()
        .withLeaderElection(FAST.withIdentity(id));
    ControllerManager m = new ControllerManager(List.of(controller), client,
        new DefaultInformerFactory(client, executor, clock), true, clock, executor, settings);
    m.start();
    return m;
  }

  @Test
  void onlyOneActsAndAReleasedLeasePassesOver() {
    ScriptedController c1 = new ScriptedController("scripted", 1);
    ScriptedController c2 = new ScriptedController("scripted", 1);
    ControllerManager m1 = manager("one", cp.client(), c1);
    await().atMost(Duration.ofSeconds(10)).until(m1::isActive);
    ControllerManager m2 = manager("two", cp.client(), c2);
    try {
      AtomicInteger bothActive = new AtomicInteger();
      long until = System.nanoTime() + Duration.ofMillis(2500).toNanos(); // longer than the lease duration
      while (System.nanoTime() < until) {
        // m2 first: once active it stays so, and a cut-off m1 never comes back, so both reads true
        // means a real overlap (m1 first would also count a handover between the two reads)
        if (m2.isActive() && m1.isActive()) {
          bothActive.incrementAndGet();
        }
        Thread.onSpinWait();
      }
      assertThat(bothActive).hasValue(0);
      assertThat(m2.isActive()).isFalse();
      assertThat(c2.calls).isEmpty();
      assertThat(c1.calls).isNotEmpty();
      Lease lease = cp.client().resources(Lease.class).get("kube-system", "capstan-controller-manager").orElseThrow();
      assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("one");

      m1.close(); // releases the lease
      await().atMost(Duration.ofSeconds(5)).until(m2::isActive);
      await().atMost(Duration.ofSeconds(5)).until(() -> !c2.calls.isEmpty());
      assertThat(cp.client().resources(Lease.class).get("kube-system", "capstan-controller-manager").orElseThrow()
          .getSpec().getLeaseTransitions()).isGreaterThanOrEqualTo(1);
    } finally {
      m1.close();
      m2.close();
    }
  }

  @Test
  void aLeaderCutOffStopsBeforeTheOtherTakesOver() {
    AtomicBoolean cut = new AtomicBoolean();
    ApiClient flaky = cuttable(cp.client(), cut);
    ScriptedController c1 = new ScriptedController("scripted", 1);
    ScriptedController c2 = new ScriptedController("scripted", 1);
    ControllerManager m1 = manager("one", flaky, c1);
    await().atMost(Duration.ofSeconds(10)).until(m1::isActive);
    ControllerManager m2 = manager("two", cp.client(), c2);
    try {
      cut.set(true);
      AtomicInteger bothActive = new AtomicInteger();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!m2.isActive() && System.nanoTime() < deadline) {
        // m2 first: once active it stays so, and a cut-off m1 never comes back, so both reads true
        // means a real overlap (m1 first would also count a handover between the two reads)
        if (m2.isActive() && m1.isActive()) {
          bothActive.incrementAndGet();
        }
        Thread.onSpinWait();
      }
      assertThat(m2.isActive()).as("the second manager took over").isTrue();
      assertThat(m1.isActive()).as("the cut-off leader stopped").isFalse();
      assertThat(bothActive).hasValue(0);
    } finally {
      m1.close();
      m2.close();
    }
  }

  /** A client whose every call fails while {@code cut} is set, as if the network were down. */
  private static ApiClient cuttable(ApiClient real, AtomicBoolean cut) {
    return new ApiClient() {
      @Override
      @SuppressWarnings("unchecked")
      public <T extends HasMetadata> ResourceClient<T> resources(Class<T> type) {
        ResourceClient<T> target = real.resources(type);
        return (ResourceClient<T>) Proxy.newProxyInstance(ResourceClient.class.getClassLoader(),
            new Class<?>[] {ResourceClient.class}, (proxy, method, args) -> {
              if (cut.get() && !method.isDefault()) {
                throw new ApiException(ApiException.failure(0, "ServiceUnavailable", "network cut", "", ""));
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
      }
    };
  }
}
