package io.capstan.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServicePortName;
import io.capstan.spi.proxy.ServiceProxy;
import io.capstan.spi.proxy.SessionAffinity;
import io.fabric8.kubernetes.api.model.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyHostTest {

  private static final ServicePortName WEB = new ServicePortName("default", "web", "http");

  @TempDir
  Path dir;

  private ProxyCluster cluster;
  private ProxyHost host;
  private final List<ProxyState> synced = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  private final ServiceProxy recorder = new ServiceProxy() {
    @Override
    public void sync(ProxyState state) {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("refused on purpose");
      }
      synced.add(state);
    }

    @Override
    public void close() {}
  };

  @BeforeEach
  void start() throws Exception {
    cluster = new ProxyCluster(dir);
  }

  @AfterEach
  void stop() throws Exception {
    if (host != null) {
      host.close();
    }
    cluster.close();
  }

  private void startHost(Duration minSync) {
    host = new ProxyHost(cluster.informers, recorder, cluster.clock, cluster.executor,
        new ProxySettings(minSync, Duration.ofSeconds(30), "n1"));
    host.start();
    cluster.informers.start();
  }

  private ProxyState latest() {
    return synced.isEmpty() ? ProxyState.empty("n1") : synced.get(synced.size() - 1);
  }

  @Test
  void servicesAndEndpointsBecomeTheProxyStateAndHeadlessAndExternalNameAreSkipped() {
    cluster.create(ProxyCluster.service("web").editSpec().withSessionAffinity("ClientIP")
        .addNewPort().withName("http").withPort(80).withNewTargetPort("web").endPort().endSpec().build());
    cluster.create(ProxyCluster.service("db").editSpec().withClusterIP("None")
        .addNewPort().withPort(5432).endPort().endSpec().build());
    cluster.create(ProxyCluster.service("ext").editSpec().withType("ExternalName").withExternalName("example.com")
        .withSelector(null).addNewPort().withPort(443).endPort().endSpec().build());
    cluster.endpoints("web", "http", 8080, List.of("10.1.0.1"), List.of("10.1.0.2"));
    startHost(Duration.ZERO);

    await().atMost(Duration.ofSeconds(10)).until(() -> latest().endpointsOf(WEB).size() == 2);
    ProxyState state = latest();
    assertThat(state.services()).containsOnlyKeys(WEB, new ServicePortName("default", "kubernetes", "https"));
    assertThat(state.services().get(WEB).clusterIp()).startsWith("10.");
    assertThat(state.services().get(WEB).sessionAffinity()).isEqualTo(SessionAffinity.CLIENT_IP);
    assertThat(state.services().get(WEB).affinityTimeout()).isEqualTo(Duration.ofSeconds(10800));
    assertThat(state.endpointsOf(WEB)).containsExactlyInAnyOrder(
        new EndpointInfo("10.1.0.1", 8080, true, true, false, "n1", ""),
        new EndpointInfo("10.1.0.2", 8080, false, false, false, "", ""));
    assertThat(state.usableEndpoints(WEB)).extracting(EndpointInfo::ip).containsExactly("10.1.0.1");
  }

  @Test
  void endpointChangesAndDeletionsFollowAfterTheFirstSync() {
    cluster.create(ProxyCluster.service("web").editSpec()
        .addNewPort().withName("http").withPort(80).endPort().endSpec().build());
    startHost(Duration.ofMillis(100));
    await().atMost(Duration.ofSeconds(10)).until(() -> latest().services().containsKey(WEB));
    assertThat(latest().endpointsOf(WEB)).isEmpty();

    cluster.endpoints("web", "http", 8080, List.of("10.1.0.1", "10.1.0.3"), List.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> latest().usableEndpoints(WEB).size() == 2);
    cluster.endpoints("web", "http", 8080, List.of("10.1.0.3"), List.of("10.1.0.1"));
    await().atMost(Duration.ofSeconds(10)).until(() -> latest().usableEndpoints(WEB).size() == 1);
    assertThat(latest().usableEndpoints(WEB).get(0).ip()).isEqualTo("10.1.0.3");

    cluster.client.resources(Service.class).delete("default", "web");
    await().atMost(Duration.ofSeconds(10)).until(() -> !latest().services().containsKey(WEB));
    assertThat(host.lastState()).isEqualTo(latest());
  }

  @Test
  void aFailedSyncIsRetriedWithTheLatestState() {
    failuresLeft.set(2);
    cluster.create(ProxyCluster.service("web").editSpec()
        .addNewPort().withName("http").withPort(80).endPort().endSpec().build());
    startHost(Duration.ofMillis(50));
    await().atMost(Duration.ofSeconds(10)).until(() -> latest().services().containsKey(WEB));
    assertThat(failuresLeft.get()).isNegative();
    assertThat(host.syncCount()).isEqualTo(synced.size());
  }
}
