package io.capstan.runtime.controllers;

import io.capstan.runtime.controllers.testing.TestControlPlane;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import io.capstan.runtime.CapstanException;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.runtime.components.ComponentModules;
import io.capstan.runtime.config.ConfigInputs;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller-manager component alone, against a remote API server over HTTP (what
 * {@code capstan controller-manager --kubeconfig} runs): two copies elect one leader through the
 * Lease, and the other takes over when the leader stops.
 */
class RemoteControllerManagerTest {

  private final ReferenceStore store = ReferenceStore.create();
  private final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private TestControlPlane cp;

  @BeforeEach
  void start() throws Exception {
    store.start();
    cp = TestControlPlane.start(store, new WallClock(), executor);
  }

  @AfterEach
  void stop() throws Exception {
    cp.close();
    store.close();
    executor.close();
  }

  private Kernel manager(String identity, Path dir) {
    KubeconfigTarget target = KubeconfigTarget.read(cp.server().kubeconfig());
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("components", "controller-manager");
    flags.put("client.server", target.server());
    flags.put("runtime.dataDir", dir.toString());
    flags.put("controllers.leaderElection.identity", identity);
    flags.put("controllers.leaderElection.leaseDuration", "1500ms");
    flags.put("controllers.leaderElection.renewDeadline", "1s");
    flags.put("controllers.leaderElection.retryPeriod", "100ms");
    KernelPlan plan = KernelPlan.resolve(ConfigInputs.defaultsOnly().withFlags(flags));
    Kernel kernel = Kernel.create(plan, ComponentModules.of(plan).toArray(new Module[0]));
    kernel.start();
    return kernel;
  }

  private Optional<String> holder() {
    return cp.client().resources(Lease.class).get("kube-system", "capstan-controller-manager")
        .map(l -> l.getSpec().getHolderIdentity());
  }

  @Test
  void twoRemoteManagersElectOneLeaderAndHandOver(@TempDir Path dir) {
    Kernel first = manager("first", dir.resolve("a"));
    Kernel second = null;
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> holder().equals(Optional.of("first")));
      second = manager("second", dir.resolve("b"));
      ControllerManager a = first.injector().getInstance(ControllerManager.class);
      ControllerManager b = second.injector().getInstance(ControllerManager.class);
      await().during(Duration.ofMillis(2000)).atMost(Duration.ofSeconds(5))
          .until(() -> a.isActive() && !b.isActive() && holder().equals(Optional.of("first")));
      first.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> b.isActive() && holder().equals(Optional.of("second")));
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  @Test
  void kubeconfigProblemsAreNamed(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\ncurrent-context: nope\n");
    assertThatThrownBy(() -> KubeconfigTarget.read(bad)).isInstanceOf(CapstanException.class)
        .hasMessageContaining("current-context 'nope'");
    Path withToken = Files.writeString(dir.resolve("token"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://example:6443"}}]
        users: [{name: u, user: {token: abc}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """);
    assertThat(KubeconfigTarget.read(withToken)).isEqualTo(new KubeconfigTarget("https://example:6443", Optional.of("abc")));
  }
}
