package io.capstan.plugins.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.apiserver.ApiServerSettings;
import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventMapper;
import io.capstan.spi.controller.EventRecorder;
import io.capstan.spi.controller.Result;
import io.capstan.spi.clock.Clock;
import io.capstan.plugins.store.memory.MemoryStore;
import io.capstan.plugins.store.memory.MemoryStoreConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller against a real API server, its informers and time on a virtual clock. */
class NodeLifecycleControllerTest {

  @TempDir Path dir;
  private final PooledTaskExecutor serverExecutor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private final MemoryStore store = new MemoryStore(MemoryStoreConfig.defaults(), new WallClock(), serverExecutor);
  private final DeterministicExecutor executor = new DeterministicExecutor(new VirtualClock(Instant.now()), 3);
  private final List<String> events = new ArrayList<>();
  private ApiServer server;
  private ApiClient client;
  private DefaultInformerFactory informers;
  private ControllerContext ctx;
  private NodeLifecycleController controller;

  @BeforeEach
  void start() throws Exception {
    store.start();
    server = new ApiServer(new ApiServerSettings("127.0.0.1", 0, null, null, null, 1000, Duration.ofSeconds(1), null), dir, store,
        KindRegistry.builtIn(), List.of(), ObjectValidator.NONE, new WallClock(), serverExecutor, ApiExtensions.NONE,
        NonResourceEndpoints.NONE);
    server.start();
    client = new InProcessApiClient(server.api(), UserInfo.of("system:kcm", UserInfo.GROUP_MASTERS), executor, Optional.empty());
    informers = new DefaultInformerFactory(client, executor, executor.clock());
    EventRecorder recorder = (regarding, type, reason, message) -> events.add(reason + " " + regarding.getMetadata().getName());
    ctx = new ControllerContext() {
      @Override
      public ApiClient client() {
        return client;
      }

      @Override
      public InformerFactory informers() {
        return informers;
      }

      @Override
      public Clock clock() {
        return executor.clock();
      }

      @Override
      public EventRecorder events() {
        return recorder;
      }
    };
  }

  private void startController(NodeLifecycleConfig config) {
    controller = new NodeLifecycleController(config);
    informers.informer(Node.class);
    controller.setup(new ControllerSetup() {
      @Override
      public <T extends HasMetadata> void watch(Class<T> type, EventMapper<T> mapper) {
        informers.informer(type);
      }

      @Override
      public <T extends HasMetadata> void read(Class<T> type) {
        informers.informer(type);
      }

      @Override
      public <T extends HasMetadata> void index(Class<T> type, String name, Function<T, List<String>> fn) {
        informers.informer(type).addIndexer(name, fn);
      }
    });
    informers.start();
    settle(informers::hasSynced);
  }

  @AfterEach
  void stop() throws Exception {
    informers.stop();
    executor.close();
    server.close();
    store.close();
    serverExecutor.close();
  }

  /** Lets the informers catch up with the server without moving virtual time. */
  private void settle(Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      executor.runUntilIdle();
      if (condition.get()) {
        return;
      }
      assertThat(System.nanoTime()).as("informers did not catch up").isLessThan(deadline);
      LockSupport.parkNanos(500_000);
    }
  }

  private Instant now() {
    return executor.clock().now();
  }

  private void heartbeat(String name) {
    ZonedDateTime time = ZonedDateTime.ofInstant(now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), ZoneOffset.UTC);
    var leases = client.resources(Lease.class);
    Optional<Lease> current = leases.get("kube-node-lease", name);
    if (current.isEmpty()) {
      leases.create(new LeaseBuilder().withNewMetadata().withName(name).withNamespace("kube-node-lease").endMetadata()
          .withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(40).withRenewTime(time).endSpec().build());
    } else {
      leases.update(new LeaseBuilder(current.get()).editSpec().withRenewTime(time).endSpec().build());
    }
    settle(() -> informers.informer(Lease.class).lister().get("kube-node-lease", name)
        .map(l -> l.getSpec().getRenewTime().toInstant().equals(time.toInstant())).orElse(false));
  }

  private void readyNode(String name) {
    var nodes = client.resources(Node.class);
    String t = now().toString();
    Node node = nodes.get("", name).orElseGet(() -> nodes.create(new NodeBuilder().withNewMetadata().withName(name)
        .addToLabels("topology.kubernetes.io/zone", "z1").endMetadata().withNewSpec().endSpec().build()));
    Node ready = new NodeBuilder(node).withNewStatus().addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
        .withLastHeartbeatTime(t).withLastTransitionTime(t).endCondition().endStatus().build();
    nodes.updateStatus(ready);
    settle(() -> informers.informer(Node.class).lister().get("", name).map(n -> NodeHealth.readyStatus(n).equals("True")).orElse(false));
  }

  private void boundPod(String name, String node, Long tolerationSeconds) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("nginx").endContainer().endSpec();
    if (tolerationSeconds != null) {
      Toleration t = new Toleration("NoExecute", NodeHealth.UNREACHABLE, "Exists", tolerationSeconds < 0 ? null : tolerationSeconds, null);
      pod.editSpec().withTolerations(t).endSpec();
    }
    Pod created = client.resources(Pod.class).create(pod.build());
    client.resources(Pod.class).updateStatus(new PodBuilder(created).editStatus().withPhase("Running").addNewCondition()
        .withType("Ready").withStatus("True").endCondition().endStatus().build());
  }

  private Node node(String name) {
    return client.resources(Node.class).get("", name).orElseThrow();
  }

  private Pod pod(String name) {
    return client.resources(Pod.class).get("default", name).orElseThrow();
  }

  private Result reconcileAfter(Duration wait) throws Exception {
    executor.advance(wait);
    settle(() -> true);
    Result result = controller.reconcile(ObjectKey.clusterScoped("n1"), ctx);
    // let the written node and pods reach the caches before the next step looks at them
    Node written = node("n1");
    settle(() -> informers.informer(Node.class).lister().get("", "n1").map(n -> n.getMetadata().getResourceVersion()
        .equals(written.getMetadata().getResourceVersion())).orElse(false));
    // and the pods it marked or evicted: the next reconcile ranks evictions from the pod cache
    List<Pod> stored = client.resources(Pod.class).list(io.capstan.spi.client.ListOptions.inNamespace("default")).items();
    settle(() -> stored.stream().allMatch(p -> informers.informer(Pod.class).lister().get("default", p.getMetadata().getName())
        .map(cached -> cached.getMetadata().getResourceVersion().equals(p.getMetadata().getResourceVersion())).orElse(false)));
    return result;
  }

  private static List<String> taints(Node node) {
    return NodeHealth.taints(node).stream().map(t -> t.getKey() + ":" + t.getEffect()).toList();
  }

  @Test
  void aNodeWithoutHeartbeatsBecomesUnknownTaintedAndLosesItsPodsAfterTheirTolerations() throws Exception {
    startController(new NodeLifecycleConfig(Duration.ofSeconds(40), 60L, 1.0, null));
    readyNode("n1");
    heartbeat("n1");
    boundPod("short", "n1", 30L);
    boundPod("default", "n1", null);
    boundPod("forever", "n1", -1L);
    settle(() -> informers.informer(Pod.class).lister().list("default").size() == 3);

    Result fresh = reconcileAfter(Duration.ofSeconds(10));
    assertThat(fresh.action()).isEqualTo(Result.Action.REQUEUE_AFTER);
    assertThat(fresh.delay()).as("wakes when the lease would expire").isBetween(Duration.ofSeconds(29), Duration.ofSeconds(31));
    assertThat(NodeHealth.readyStatus(node("n1"))).isEqualTo("True");
    assertThat(taints(node("n1"))).isEmpty();

    Result expired = reconcileAfter(fresh.delay());
    Node unknown = node("n1");
    assertThat(unknown.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus()).contains("Ready=Unknown");
    assertThat(taints(unknown)).containsExactlyInAnyOrder(NodeHealth.UNREACHABLE + ":NoExecute", NodeHealth.UNREACHABLE + ":NoSchedule");
    assertThat(pod("short").getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus()).contains("Ready=False");
    assertThat(events).contains("NodeNotReady n1");
    assertThat(expired.delay()).as("until the 30 s toleration runs out").isBetween(Duration.ofSeconds(29), Duration.ofSeconds(31));
    assertThat(pod("short").getMetadata().getDeletionTimestamp()).isNull();

    reconcileAfter(expired.delay());
    assertThat(pod("short").getMetadata().getDeletionTimestamp()).as("evicted after 30 s").isNotNull();
    assertThat(pod("default").getMetadata().getDeletionTimestamp()).as("default toleration 60 s").isNull();
    // the controller's own requeue says when the next eviction is due (the rate limiter or a pod
    // cache that has not yet seen the first eviction may defer it by its interval); follow it
    Result next = reconcileAfter(Duration.ofSeconds(31));
    for (int i = 0; i < 3 && pod("default").getMetadata().getDeletionTimestamp() == null; i++) {
      assertThat(next.delay()).as("a short deferral, not another toleration period").isLessThanOrEqualTo(Duration.ofSeconds(2));
      next = reconcileAfter(next.delay().isZero() ? Duration.ofMillis(1) : next.delay());
    }
    assertThat(pod("default").getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(pod("forever").getMetadata().getDeletionTimestamp()).as("tolerates forever").isNull();
    assertThat(events).contains("TaintManagerEviction short", "TaintManagerEviction default");

    heartbeat("n1");
    readyNode("n1");
    Result back = reconcileAfter(Duration.ofSeconds(1));
    assertThat(taints(node("n1"))).isEmpty();
    assertThat(NodeHealth.readyStatus(node("n1"))).isEqualTo("True");
    assertThat(back.delay()).isBetween(Duration.ofSeconds(38), Duration.ofSeconds(41));
  }

  @Test
  void evictionsAreRateLimitedPerZone() throws Exception {
    startController(new NodeLifecycleConfig(Duration.ofSeconds(40), 0L, 0.1, null));
    readyNode("n1");
    heartbeat("n1");
    for (int i = 0; i < 3; i++) {
      boundPod("p" + i, "n1", null);
    }
    settle(() -> informers.informer(Pod.class).lister().list("default").size() == 3);
    Result first = reconcileAfter(Duration.ofSeconds(41));
    assertThat(deleted()).as("one token: one eviction at once").isEqualTo(1);
    assertThat(first.delay()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
    settle(() -> informers.informer(Pod.class).lister().list("default").stream().filter(p -> p.getMetadata().getDeletionTimestamp() != null).count() == 1);
    reconcileAfter(first.delay());
    assertThat(deleted()).isEqualTo(2);
  }

  private long deleted() {
    return client.resources(Pod.class).list(io.capstan.spi.client.ListOptions.inNamespace("default")).items().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() != null).count();
  }

  @Test
  void aNodeReportingNotReadyGetsTheNotReadyTaint() throws Exception {
    startController(NodeLifecycleConfig.defaults());
    readyNode("n1");
    heartbeat("n1");
    Node node = node("n1");
    client.resources(Node.class).updateStatus(new NodeBuilder(node).editStatus().editFirstCondition().withStatus("False").endCondition()
        .endStatus().build());
    settle(() -> NodeHealth.readyStatus(informers.informer(Node.class).lister().get("", "n1").orElseThrow()).equals("False"));
    reconcileAfter(Duration.ofSeconds(1));
    assertThat(taints(node("n1"))).containsExactlyInAnyOrder(NodeHealth.NOT_READY + ":NoExecute", NodeHealth.NOT_READY + ":NoSchedule");
    List<Taint> taints = NodeHealth.taints(node("n1"));
    assertThat(taints.stream().filter(t -> t.getEffect().equals("NoExecute")).findFirst().orElseThrow().getTimeAdded()).isNotBlank();
  }
}
