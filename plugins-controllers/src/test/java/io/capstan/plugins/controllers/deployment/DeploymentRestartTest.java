package io.capstan.plugins.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.controllers.fixtures.ControllerFixture;
import io.capstan.plugins.controllers.fixtures.FakeKubelet;
import io.capstan.plugins.controllers.replicaset.ReplicaSetConfig;
import io.capstan.plugins.controllers.replicaset.ReplicaSetController;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.controllers.ControllerManager;
import io.capstan.runtime.controllers.ControllerManagerSettings;
import io.capstan.runtime.controllers.LeaderElectionSettings;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.PatchType;
import io.capstan.spi.client.ResourceClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's restart test: the controller manager leading a rollout is killed mid-way (cut off from
 * the API server, so it cannot even release its Lease); a standby manager takes the Lease over once
 * it expires and finishes the rollout from what it finds in the API — within maxSurge and
 * maxUnavailable all along, with exactly the declared pods at the end.
 */
class DeploymentRestartTest {

  private static final LeaderElectionSettings FAST = LeaderElectionSettings.defaults()
      .withTimings(Duration.ofMillis(1500), Duration.ofMillis(1000), Duration.ofMillis(100));

  private final ControllerFixture fx = new ControllerFixture();
  private final FakeKubelet kubelet = new FakeKubelet(fx);
  private final List<ControllerManager> managers = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    managers.forEach(ControllerManager::close);
    fx.close();
  }

  private ControllerManager manager(String id, ApiClient client) {
    ControllerManager m = new ControllerManager(List.of(new DeploymentController(DeploymentConfig.defaults()),
        new ReplicaSetController(ReplicaSetConfig.defaults())), client, new DefaultInformerFactory(client, fx.executor,
        fx.clock), true, fx.clock, fx.executor, ControllerManagerSettings.standalone().withLeaderElection(FAST.withIdentity(id)));
    managers.add(m);
    m.start();
    return m;
  }

  /** One kubelet step, then the rollout bounds: at most 12 active pods, at least 9 ready (10, surge 2, unavailable 1). */
  private void step() throws InterruptedException {
    kubelet.step("default");
    List<Pod> active = fx.activePods("default", "app=web");
    long ready = active.stream().filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null
        && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .count();
    if (active.size() > 12) {
      violations.add("active " + active.size() + " > 12");
    }
    if (ready < 9) {
      violations.add("ready " + ready + " < 9");
    }
    Thread.sleep(20);
  }

  private Deployment web() {
    return fx.client().resources(Deployment.class).get("default", "web").orElseThrow();
  }

  private boolean rolledOut() {
    Deployment d = web();
    var s = d.getStatus();
    return s != null && s.getObservedGeneration() != null && s.getObservedGeneration() >= d.getMetadata().getGeneration()
        && s.getUpdatedReplicas() != null && s.getUpdatedReplicas() == 10 && s.getReplicas() != null && s.getReplicas() == 10
        && s.getAvailableReplicas() != null && s.getAvailableReplicas() == 10;
  }

  private long newPodsReady() {
    return fx.activePods("default", "app=web").stream()
        .filter(p -> "nginx:2".equals(p.getSpec().getContainers().get(0).getImage()) && p.getStatus() != null
            && "Running".equals(p.getStatus().getPhase())).count();
  }

  @Test
  void aStandbyManagerFinishesARolloutItsKilledLeaderStarted() throws Exception {
    AtomicBoolean cut = new AtomicBoolean();
    ControllerManager first = manager("first", cuttable(fx.client(), cut));
    await().atMost(Duration.ofSeconds(10)).until(first::isActive);
    ControllerManager standby = manager("standby", fx.client());
    fx.client().resources(Deployment.class).create(DeploymentFixture.deployment("web", 10, "nginx:1", 2, 1));
    await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> {
      kubelet.step("default");
      return rolledOut();
    });

    fx.client().resources(Deployment.class).patch("default", "web", PatchType.STRATEGIC,
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:2\"}]}}}}");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (newPodsReady() < 2 && System.nanoTime() < deadline) {
      step();
    }
    assertThat(rolledOut()).as("still mid-rollout when the leader dies").isFalse();
    assertThat(newPodsReady()).as("the rollout had started").isGreaterThanOrEqualTo(2);

    cut.set(true); // killed: no more writes, and its Lease is not released
    first.close();
    assertThat(standby.isActive()).as("the standby waits for the Lease to expire").isFalse();
    deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!rolledOut()) {
      assertThat(System.nanoTime()).as("rollout finished after the restart; status %s", web().getStatus()).isLessThan(deadline);
      step();
    }
    assertThat(standby.isActive()).isTrue();
    assertThat(violations).isEmpty();
    List<Pod> pods = fx.activePods("default", "app=web");
    assertThat(pods).hasSize(10).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2"));
    assertThat(fx.client().resources(ReplicaSet.class).list(ListOptions.inNamespace("default")).items())
        .extracting(rs -> rs.getSpec().getReplicas()).containsExactlyInAnyOrder(10, 0);
  }

  /** A client whose every call fails while {@code cut} is set, as if the process were gone. */
  private static ApiClient cuttable(ApiClient real, AtomicBoolean cut) {
    return new ApiClient() {
      @Override
      @SuppressWarnings("unchecked")
      public <T extends HasMetadata> ResourceClient<T> resources(Class<T> type) {
        ResourceClient<T> target = real.resources(type);
        return (ResourceClient<T>) Proxy.newProxyInstance(ResourceClient.class.getClassLoader(),
            new Class<?>[] {ResourceClient.class}, (proxy, method, args) -> {
              if (cut.get() && !method.isDefault()) {
                throw new ApiException(ApiException.failure(0, "ServiceUnavailable", "process killed", "", ""));
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
