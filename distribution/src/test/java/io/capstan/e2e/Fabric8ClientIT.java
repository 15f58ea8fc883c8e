package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fabric8 Kubernetes client, unchanged, against a Capstan control plane. */
class Fabric8ClientIT {

  @TempDir Path dir;
  ControlPlane plane;
  KubernetesClient client;

  @BeforeEach
  void start() throws Exception {
    plane = new ControlPlane(dir, Map.of());
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(plane.kubeconfig()))).build();
  }

  @AfterEach
  void stop() {
    client.close();
    plane.close();
  }

  private static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().endTemplate()
        .endSpec().build();
  }

  @Test
  void createGetListReplaceDelete() {
    Deployment created = client.apps().deployments().inNamespace("default").resource(deployment("web", 2)).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
    assertThat(client.apps().deployments().inNamespace("default").withName("web").get().getSpec().getReplicas()).isEqualTo(2);
    assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).hasSize(1);
    created.getSpec().setReplicas(5);
    Deployment replaced = client.apps().deployments().inNamespace("default").resource(created).update();
    assertThat(replaced.getSpec().getReplicas()).isEqualTo(5);
    assertThat(replaced.getMetadata().getGeneration()).isEqualTo(2L);
    assertThatThrownBy(() -> client.apps().deployments().inNamespace("default").resource(created).update())
        .isInstanceOf(KubernetesClientException.class).satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));
    assertThat(client.apps().deployments().inNamespace("default").withName("web").delete()).isNotEmpty();
    assertThat(client.apps().deployments().inNamespace("default").withName("web").get()).isNull();
  }

  @Test
  void everyPatchType() {
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("cm").endMetadata()
        .addToData("a", "1").build()).create();
    var cm = client.configMaps().inNamespace("default").withName("cm");
    cm.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"b\":\"2\"}}");
    cm.patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"add\",\"path\":\"/data/c\",\"value\":\"3\"}]");
    cm.patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
    ConfigMap patched = cm.get();
    assertThat(patched.getData()).containsEntry("a", "1").containsEntry("b", "2").containsEntry("c", "3");
    assertThat(patched.getMetadata().getLabels()).containsEntry("x", "y");
    ConfigMap applied = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("ssa")
        .endMetadata().addToData("k", "v").build()).fieldManager("fabric8").serverSideApply();
    assertThat(applied.getData()).containsEntry("k", "v");
  }

  @Test
  void watchResumesFromAResourceVersion() {
    String version = client.configMaps().inNamespace("default").list().getMetadata().getResourceVersion();
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("before").endMetadata().build())
        .create();
    List<String> events = new CopyOnWriteArrayList<>();
    var watch = client.configMaps().inNamespace("default").withResourceVersion(version).watch(new Watcher<ConfigMap>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        events.add(action + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("after").endMetadata().build())
        .create();
    client.configMaps().inNamespace("default").withName("before").delete();
    await().atMost(Duration.ofSeconds(15)).until(() -> events.size() >= 3);
    assertThat(events).containsExactly("ADDED before", "ADDED after", "DELETED before");
    watch.close();
  }
}
