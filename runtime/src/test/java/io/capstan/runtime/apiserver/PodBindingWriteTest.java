package io.capstan.runtime.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.apiserver.admission.ObjectValidator;
import io.capstan.runtime.apiserver.http.ApiExtensions;
import io.capstan.runtime.apiserver.http.NonResourceEndpoints;
import io.capstan.runtime.client.inprocess.InProcessApiClient;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.Watch;
import io.capstan.spi.client.WatchEventType;
import io.capstan.spi.client.WatchHandler;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod write path the scheduler uses: {@code pods/binding} sets the node and the
 * {@code PodScheduled=True} condition in one write (Kubernetes' {@code assignPod}), watchers see
 * one MODIFIED event carrying both with the previous state, and an update that changes nothing
 * writes nothing.
 */
class PodBindingWriteTest {

  @TempDir Path dir;
  final ReferenceStore store = ReferenceStore.create();
  final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  ApiServer server;
  ApiClient client;

  @BeforeEach
  void start() throws Exception {
    store.start();
    ApiServerSettings settings = new ApiServerSettings("127.0.0.1", 0, null, null, null, 100, Duration.ofSeconds(1), null);
    server = new ApiServer(settings, dir, store, KindRegistry.builtIn(), List.of(), ObjectValidator.KUBERNETES,
        new WallClock(), executor, ApiExtensions.NONE, NonResourceEndpoints.NONE);
    server.start();
    client = new InProcessApiClient(server.api(), UserInfo.of("system:capstan", UserInfo.GROUP_MASTERS), executor,
        Optional.empty());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    store.close();
    executor.close();
  }

  private Pod pod(String name) {
    return client.resources(Pod.class).create(new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
        .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build());
  }

  private void bind(String name, String node) {
    client.resources(Pod.class).createSubresource("default", name, "binding", new BindingBuilder().withNewMetadata()
        .withName(name).withNamespace("default").endMetadata().withNewTarget().withKind("Node").withName(node).endTarget()
        .build());
  }

  private static Optional<PodCondition> scheduled(Pod pod) {
    return pod.getStatus().getConditions() == null ? Optional.empty()
        : pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst();
  }

  @Test
  void bindingSetsNodeAndConditionInOneWriteSeenAsOneEvent() {
    Pod created = pod("p");
    List<String> events = new CopyOnWriteArrayList<>();
    Watch watch = client.resources(Pod.class).watch(ListOptions.inNamespace("default")
        .withResourceVersion(created.getMetadata().getResourceVersion()), new WatchHandler<>() {
          @Override
          public void onEvent(WatchEventType type, Pod pod) {
            events.add(type + " " + pod.getSpec().getNodeName() + " " + scheduled(pod).map(PodCondition::getStatus).orElse("-"));
          }
        });
    try {
      bind("p", "node-1");
      Pod bound = client.resources(Pod.class).get("default", "p").orElseThrow();
      assertThat(bound.getSpec().getNodeName()).isEqualTo("node-1");
      assertThat(scheduled(bound)).hasValueSatisfying(c -> {
        assertThat(c.getStatus()).isEqualTo("True");
        assertThat(c.getLastTransitionTime()).isNotBlank();
      });
      assertThat(bound.getStatus().getPhase()).isEqualTo("Pending");
      assertThat(Long.parseLong(bound.getMetadata().getResourceVersion()))
          .isEqualTo(Long.parseLong(created.getMetadata().getResourceVersion()) + 1);
      await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
      assertThat(events).containsExactly("MODIFIED node-1 True");
      assertThatThrownBy(() -> bind("p", "node-2")).isInstanceOf(ConflictException.class)
          .hasMessageContaining("already assigned to node \"node-1\"");
    } finally {
      watch.close();
    }
  }

  @Test
  void updatesThatChangeNothingKeepTheVersionAndStatusWritesKeepTheSpec() {
    Pod created = pod("q");
    Pod same = client.resources(Pod.class).update(created);
    assertThat(same.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
    Pod sameStatus = client.resources(Pod.class).updateStatus(created);
    assertThat(sameStatus.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());

    Pod wanted = new PodBuilder(created).editSpec().withActiveDeadlineSeconds(30L).endSpec()
        .editStatus().withPhase("Running").endStatus().build();
    Pod afterStatus = client.resources(Pod.class).updateStatus(wanted);
    assertThat(afterStatus.getStatus().getPhase()).isEqualTo("Running");
    assertThat(afterStatus.getSpec().getActiveDeadlineSeconds()).isNull();

    Pod specOnly = new PodBuilder(afterStatus).editSpec().withActiveDeadlineSeconds(30L).endSpec()
        .editStatus().withPhase("Failed").endStatus().build();
    Pod afterUpdate = client.resources(Pod.class).update(specOnly);
    assertThat(afterUpdate.getSpec().getActiveDeadlineSeconds()).isEqualTo(30L);
    assertThat(afterUpdate.getStatus().getPhase()).isEqualTo("Running");
    assertThat(client.resources(Pod.class).get("default", "q").orElseThrow().getStatus().getPhase()).isEqualTo("Running");
  }
}
