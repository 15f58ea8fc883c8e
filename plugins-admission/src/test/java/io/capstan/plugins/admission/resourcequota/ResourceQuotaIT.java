package io.capstan.plugins.admission.resourcequota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.plugins.admission.cluster.AdmissionCluster;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.ForbiddenException;
import io.capstan.spi.client.ListOptions;
import io.capstan.tck.fixtures.TestObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quota under concurrency, against a real in-process API server: never over-admit. */
class ResourceQuotaIT {

  private static AdmissionCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new AdmissionCluster(client -> List.of(new ResourceQuota(client)));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void fiftyConcurrentPodCreatesAgainstAQuotaOfTenPodsAdmitExactlyTen() throws Exception {
    cluster.namespace("burst");
    ApiClient admin = cluster.admin();
    admin.resources(io.fabric8.kubernetes.api.model.ResourceQuota.class).create(new ResourceQuotaBuilder()
        .withNewMetadata().withName("pods").withNamespace("burst").endMetadata()
        .withNewSpec().withHard(Map.of("pods", new Quantity("10"))).endSpec().build());
    ExecutorService threads = Executors.newFixedThreadPool(50);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        Pod pod = TestObjects.pod("p-" + i).namespace("burst").build();
        results.add(threads.submit(() -> {
          go.await();
          try {
            admin.resources(Pod.class).create(pod);
            return true;
          } catch (ForbiddenException refused) {
            assertThat(refused.getMessage()).contains("exceeded quota: pods, requested: pods=1, used: pods=10, limited: pods=10");
            return false;
          }
        }));
      }
      go.countDown();
      int admitted = 0;
      for (Future<Boolean> result : results) {
        admitted += result.get() ? 1 : 0;
      }
      assertThat(admitted).isEqualTo(10);
    } finally {
      threads.shutdownNow();
    }
    assertThat(admin.resources(Pod.class).list(ListOptions.inNamespace("burst")).items()).hasSize(10);
    var quota = admin.resources(io.fabric8.kubernetes.api.model.ResourceQuota.class).get("burst", "pods").orElseThrow();
    assertThat(quota.getStatus().getUsed()).containsEntry("pods", new Quantity("10"));
    assertThat(quota.getStatus().getHard()).containsEntry("pods", new Quantity("10"));
  }

  @Test
  void computeQuotaRefusesWithKubernetesMessage() {
    cluster.namespace("compute");
    ApiClient admin = cluster.admin();
    admin.resources(io.fabric8.kubernetes.api.model.ResourceQuota.class).create(new ResourceQuotaBuilder()
        .withNewMetadata().withName("cpu").withNamespace("compute").endMetadata()
        .withNewSpec().withHard(Map.of("requests.cpu", new Quantity("1"), "count/pods", new Quantity("5"))).endSpec().build());
    admin.resources(Pod.class).create(TestObjects.pod("a").namespace("compute").cpu("600m").build());
    assertThatThrownBy(() -> admin.resources(Pod.class).create(TestObjects.pod("b").namespace("compute").cpu("500m").build()))
        .isInstanceOf(ApiException.class)
        .hasMessage("pods \"b\" is forbidden: exceeded quota: cpu, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1");
    assertThatThrownBy(() -> admin.resources(Pod.class).create(TestObjects.pod("c").namespace("compute").build()))
        .isInstanceOf(ApiException.class)
        .hasMessage("pods \"c\" is forbidden: failed quota: cpu: must specify requests.cpu for: main");
    admin.resources(Pod.class).create(TestObjects.pod("d").namespace("compute").cpu("400m").build());
    var quota = admin.resources(io.fabric8.kubernetes.api.model.ResourceQuota.class).get("compute", "cpu").orElseThrow();
    assertThat(quota.getStatus().getUsed()).containsEntry("requests.cpu", new Quantity("1")).containsEntry("count/pods", new Quantity("2"));
  }

  @Test
  void aQuotaCreatedAfterObjectsCountsThemOnFirstUse() {
    cluster.namespace("late");
    ApiClient admin = cluster.admin();
    for (int i = 0; i < 3; i++) {
      admin.resources(io.fabric8.kubernetes.api.model.ConfigMap.class).create(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
          .withNewMetadata().withName("cm-" + i).withNamespace("late").endMetadata().build());
    }
    admin.resources(io.fabric8.kubernetes.api.model.ResourceQuota.class).create(new ResourceQuotaBuilder()
        .withNewMetadata().withName("maps").withNamespace("late").endMetadata()
        .withNewSpec().withHard(Map.of("configmaps", new Quantity("4"))).endSpec().build());
    admin.resources(io.fabric8.kubernetes.api.model.ConfigMap.class).create(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("cm-3").withNamespace("late").endMetadata().build());
    assertThatThrownBy(() -> admin.resources(io.fabric8.kubernetes.api.model.ConfigMap.class).create(
        new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("cm-4").withNamespace("late").endMetadata().build()))
        .hasMessage("configmaps \"cm-4\" is forbidden: exceeded quota: maps, requested: configmaps=1, used: configmaps=4, limited: configmaps=4");
  }

  @Test
  void updatesAreChargedForWhatTheyAdd() {
    cluster.namespace("ports");
    ApiClient admin = cluster.admin();
    admin.resources(io.fabric8.kubernetes.api.model.ResourceQuota.class).create(new ResourceQuotaBuilder()
        .withNewMetadata().withName("ports").withNamespace("ports").endMetadata()
        .withNewSpec().withHard(Map.of("services.nodeports", new Quantity("1"))).endSpec().build());
    var service = admin.resources(io.fabric8.kubernetes.api.model.Service.class).create(new io.fabric8.kubernetes.api.model.ServiceBuilder()
        .withNewMetadata().withName("web").withNamespace("ports").endMetadata()
        .withNewSpec().withSelector(Map.of("app", "web")).addNewPort().withName("http").withPort(80).endPort()
        .addNewPort().withName("https").withPort(443).endPort().endSpec().build());
    var nodePorts = new io.fabric8.kubernetes.api.model.ServiceBuilder(service).editSpec().withType("NodePort").endSpec().build();
    assertThatThrownBy(() -> admin.resources(io.fabric8.kubernetes.api.model.Service.class).update(nodePorts))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403))
        .hasMessage("services \"web\" is forbidden: exceeded quota: ports, requested: services.nodeports=2, used: services.nodeports=0,"
            + " limited: services.nodeports=1");
    var relabelled = new io.fabric8.kubernetes.api.model.ServiceBuilder(service).editMetadata().addToLabels("tier", "front").endMetadata().build();
    assertThat(admin.resources(io.fabric8.kubernetes.api.model.Service.class).update(relabelled).getMetadata().getLabels())
        .containsEntry("tier", "front");
  }
}
