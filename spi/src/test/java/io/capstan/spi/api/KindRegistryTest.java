package io.capstan.spi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KindRegistryTest {

  private final KindRegistry registry = KindRegistry.builtIn();

  @ParameterizedTest(name = "kubectl name {0} -> {1}")
  @CsvSource({
    "ns, Namespace, ''", "po, Pod, ''", "no, Node, ''", "svc, Service, ''", "ep, Endpoints, ''",
    "ing, Ingress, networking.k8s.io", "rs, ReplicaSet, apps", "rc, ReplicationController, ''",
    "deploy, Deployment, apps", "sts, StatefulSet, apps", "ds, DaemonSet, apps", "cj, CronJob, batch",
    "ev, Event, ''", "sa, ServiceAccount, ''", "cm, ConfigMap, ''", "quota, ResourceQuota, ''",
    "limits, LimitRange, ''", "crd, CustomResourceDefinition, apiextensions.k8s.io",
    "crds, CustomResourceDefinition, apiextensions.k8s.io", "pvc, PersistentVolumeClaim, ''",
    "pdb, PodDisruptionBudget, policy", "pc, PriorityClass, scheduling.k8s.io",
    "Deployments, Deployment, apps", "deployment, Deployment, apps", "DEPLOYMENT, Deployment, apps",
    "deployments.apps, Deployment, apps", "events.events.k8s.io, Event, events.k8s.io",
    "ingressclasses, IngressClass, networking.k8s.io", "lease, Lease, coordination.k8s.io",
    "endpointslices, EndpointSlice, discovery.k8s.io", "controllerrevision, ControllerRevision, apps",
    "job, Job, batch", "secret, Secret, ''", "clusterrolebindings, ClusterRoleBinding, rbac.authorization.k8s.io",
  })
  void resolvesNamesLikeKubectl(String name, String kind, String group) {
    ResourceKind k = registry.resolve(name).orElseThrow();
    assertThat(k.kind()).isEqualTo(kind);
    assertThat(k.group()).isEqualTo(group);
  }

  @Test
  void ambiguousNamesPreferTheCoreGroup() {
    assertThat(registry.resolveAll("events")).extracting(ResourceKind::group).containsExactly("", "events.k8s.io");
    assertThat(registry.resolve("nope")).isEmpty();
  }

  @Test
  void looksUpByGvkResourceAndClass() {
    ResourceKind deployment = registry.byApiVersionAndKind("apps/v1", "Deployment").orElseThrow();
    assertThat(deployment.apiVersion()).isEqualTo("apps/v1");
    assertThat(deployment.plural()).isEqualTo("deployments");
    assertThat(deployment.listKind()).isEqualTo("DeploymentList");
    assertThat(deployment.namespaced()).isTrue();
    assertThat(deployment.javaType()).isEqualTo(Deployment.class);
    assertThat(registry.byResource("apps", "deployments")).contains(deployment);
    assertThat(registry.forClass(Deployment.class)).contains(deployment);
    assertThat(registry.byApiVersionAndKind("v1", "Pod").orElseThrow().apiVersion()).isEqualTo("v1");
    assertThat(registry.byApiVersionAndKind("apps/v1beta1", "Deployment")).isEmpty();
    assertThat(registry.byResource("", "ingresses")).isEmpty();
    assertThat(registry.kindOf(new PodBuilder().withNewMetadata().withName("p").endMetadata().build()))
        .map(ResourceKind::kind).contains("Pod");
    assertThat(registry.byApiVersion().get("v1")).extracting(ResourceKind::kind).contains("Pod", "Namespace");
  }

  @Test
  void scopesAreRight() {
    for (String clusterScoped : List.of("Namespace", "Node", "ClusterRole", "ClusterRoleBinding", "IngressClass",
        "CustomResourceDefinition", "PriorityClass", "PersistentVolume")) {
      assertThat(registry.resolve(clusterScoped).orElseThrow().namespaced()).as(clusterScoped).isFalse();
    }
    assertThat(registry.resolve("pods").orElseThrow().namespaced()).isTrue();
    assertThat(registry.resolve("leases").orElseThrow().namespaced()).isTrue();
  }

  @Test
  void subresourceTypesAreNotListable() {
    assertThat(BuiltInKinds.SUBRESOURCE_TYPES).containsOnlyKeys("Binding", "Scale", "Status");
    assertThat(registry.resolve("binding")).isEmpty();
    assertThat(registry.resolve("status")).isEmpty();
  }

  @Test
  void rejectsDuplicateGvkNamingBoth() {
    List<ResourceKind> kinds = new ArrayList<>(BuiltInKinds.all());
    kinds.add(ResourceKind.of("apps", "v1", "Deployment", "deployments2", true, GenericKubernetesResource.class));
    assertThatThrownBy(() -> KindRegistry.of(kinds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'apps/v1, Kind=Deployment' (deployments.apps, " + Deployment.class.getName() + ")")
        .hasMessageContaining("(deployments2.apps, " + GenericKubernetesResource.class.getName() + ")")
        .hasMessageContaining("same group, version and kind");
  }

  @Test
  void rejectsDuplicatePluralNamingBoth() {
    List<ResourceKind> kinds = List.of(
        ResourceKind.of("example.com", "v1", "Widget", "widgets", true, GenericKubernetesResource.class),
        ResourceKind.of("example.com", "v2", "Gadget", "widgets", true, GenericKubernetesResource.class));
    assertThatThrownBy(() -> KindRegistry.of(kinds))
        .hasMessageContaining("example.com/v1, Kind=Widget").hasMessageContaining("example.com/v2, Kind=Gadget")
        .hasMessageContaining("same group and plural");
  }

  @Test
  void sharedJavaClassesGiveNoClassLookup() {
    KindRegistry custom = KindRegistry.of(List.of(
        ResourceKind.of("example.com", "v1", "Widget", "widgets", true, GenericKubernetesResource.class, "wd"),
        ResourceKind.of("example.com", "v1", "Gadget", "gadgets", false, GenericKubernetesResource.class)));
    assertThat(custom.forClass(GenericKubernetesResource.class)).isEmpty();
    assertThat(custom.resolve("wd").orElseThrow().kind()).isEqualTo("Widget");
    assertThat(custom.forClass(Pod.class)).isEmpty();
  }

  @Test
  void resourceKindValidatesNames() {
    assertThatThrownBy(() -> ResourceKind.of("", "v1", "Thing", "Things", true, Pod.class))
        .hasMessageContaining("lower case");
    assertThatThrownBy(() -> ResourceKind.of("", "", "Thing", "things", true, Pod.class))
        .hasMessageContaining("needs a version");
    assertThat(ResourceKind.of("", "v1", "Pod", "pods", true, Pod.class)).hasToString("v1, Kind=Pod");
  }

  @Test
  void builtInProviderListsAllKinds() {
    assertThat(BuiltInKinds.provider().kinds()).isEqualTo(BuiltInKinds.all()).hasSizeGreaterThanOrEqualTo(30);
  }
}
